package server

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestCheckInAnswers(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	path := fmt.Sprintf("/api/actions/%d/checkins", f.Action)
	code := f.Codes["Centro El Puente"][0]
	status, body := ts.call(t, "POST", path, f.Door, map[string]string{"id": "ans-00001", "code": code})
	if status != 201 {
		t.Fatalf("first scan = %d %s, want 201", status, body)
	}
	first := decodeJSON[struct {
		Status string
		Leader struct {
			Name        string
			Institution struct{ Name string }
		}
	}](t, body)
	if first.Status != "checked_in" || first.Leader.Name == "" || first.Leader.Institution.Name != "Centro El Puente" {
		t.Errorf("first scan body = %s, want checked_in with the leader's name and institution", body)
	}
	status, body = ts.call(t, "POST", path, f.Door2, map[string]string{"id": "ans-00002", "code": strings.ToLower(code)})
	repeat := decodeJSON[struct {
		Status string
		First  struct{ At, Door string }
	}](t, body)
	if status != 200 || repeat.Status != "already_checked_in" || repeat.First.Door != "Puerta norte" || repeat.First.At == "" {
		t.Errorf("repeat scan = %d %s, want 200 already_checked_in at Puerta norte", status, body)
	}
	status, body = ts.call(t, "POST", path, f.Door, map[string]string{"id": "ans-00001", "code": code})
	if status != 201 || !strings.Contains(string(body), `"replayed":true`) {
		t.Errorf("replay = %d %s, want 201 with the first answer, replayed", status, body)
	}
}

// TestBadInput sends what broken phones and hostile clients send: every
// answer is a 4xx with a stable code, never a 500.
func TestBadInput(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	tests := []struct {
		name, path string
		body       any
		want       int
		code       string
	}{
		{"malformed JSON", a + "/checkins", `{"id": "x"`, 400, "bad_json"},
		{"empty body", a + "/checkins", "", 400, "bad_json"},
		{"trailing garbage", a + "/checkins", `{"id":"abcdefgh","code":"X"} []`, 400, "bad_json"},
		{"wrong field type", a + "/checkins", `{"id": 12345678, "code": "X"}`, 400, "bad_json"},
		{"array instead of object", a + "/checkins", `[1,2]`, 400, "bad_json"},
		{"empty code", a + "/checkins", map[string]string{"id": "bad-00001", "code": ""}, 400, "invalid_code"},
		{"blank code", a + "/checkins", map[string]string{"id": "bad-00002", "code": "   "}, 400, "invalid_code"},
		{"garbage code", a + "/checkins", map[string]string{"id": "bad-00003", "code": "<script>"}, 404, "unknown_badge"},
		{"unknown code", a + "/checkins", map[string]string{"id": "bad-00004", "code": "7KQ2M9XD4TBW0RHA"}, 404, "unknown_badge"},
		{"missing id", a + "/checkins", map[string]string{"code": "7KQ2M9XD4TBW0RHA"}, 400, "invalid_id"},
		{"id with spaces", a + "/checkins", map[string]string{"id": "a b c d e f", "code": "X"}, 400, "invalid_id"},
		{"bad time", a + "/checkins", `{"id":"bad-00005","code":"X","at":"yesterday"}`, 400, "bad_json"},
		{"batch not an array", a + "/checkins/batch", `{"id":"x"}`, 400, "bad_json"},
		{"batch too large", a + "/checkins/batch", make([]map[string]string, 1001), 413, "batch_too_large"},
		{"headcount of zero", a + "/headcounts", map[string]any{"id": "bad-00006", "institution": f.Institutions["Sindicato Local 12"], "count": 0}, 400, "invalid_count"},
		{"headcount of a phone number", a + "/headcounts", map[string]any{"id": "bad-00007", "institution": f.Institutions["Sindicato Local 12"], "count": 9195550123}, 400, "invalid_count"},
		{"headcount for no institution", a + "/headcounts", map[string]any{"id": "bad-00008", "institution": 9999, "count": 3}, 400, "invalid_institution"},
		{"walk-in without a name", a + "/walkins", map[string]any{"id": "bad-00009", "name": " ", "institution": f.Institutions["Sindicato Local 12"]}, 400, "invalid_name"},
		{"walk-in with a huge name", a + "/walkins", map[string]any{"id": "bad-00010", "name": strings.Repeat("ñ", 300), "institution": f.Institutions["Sindicato Local 12"]}, 400, "invalid_name"},
		{"walk-in bad language", a + "/walkins", map[string]any{"id": "bad-00011", "name": "Ana", "institution": f.Institutions["Sindicato Local 12"], "language": "fr"}, 400, "invalid_language"},
		{"undo of nothing", a + "/checkins/nothing-here/undo", nil, 404, "not_found"},
		{"no such route", "/api/nothing", nil, 404, "no_route"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := ts.call(t, "POST", tt.path, f.Door, tt.body)
			if status != tt.want || errCode(body) != tt.code {
				t.Errorf("POST %s = %d %s, want %d %s", tt.path, status, truncate(body), tt.want, tt.code)
			}
		})
	}
}

// TestHugeBodyIsRefusedEarly announces a body over the limit: the server
// answers 413 from the headers alone, without reading (or holding) the body.
func TestHugeBodyIsRefusedEarly(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	conn, err := net.Dial("tcp", strings.TrimPrefix(ts.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "POST /api/actions/%d/checkins HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"+
		"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n{\"id\":", f.Action, f.Door, BodyLimit+1)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("read response: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 413 || errCode(body) != "body_too_large" {
		t.Errorf("huge body = %d %s, want 413 body_too_large", resp.StatusCode, body)
	}
}

func truncate(b []byte) string {
	if len(b) > 300 {
		return string(b[:300]) + "…"
	}
	return string(b)
}

func TestBatchFailsOnlyTheBadItem(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	codes := f.Codes["Iglesia San José"]
	items := []map[string]string{
		{"id": "bat-00001", "code": codes[0]},
		{"id": "bat-00002", "code": "7KQ2M9XD4TBW0RHA"},
		{"id": "bat-00003", "code": ""},
		{"id": "bat-00004", "code": codes[0]},
		{"id": "bat-00005", "code": codes[1], "at": "2026-11-27T10:32:00Z"},
	}
	status, body := ts.call(t, "POST", fmt.Sprintf("/api/actions/%d/checkins/batch", f.Action), f.Door, items)
	if status != 200 {
		t.Fatalf("batch = %d %s", status, body)
	}
	res := decodeJSON[struct {
		Results []struct {
			ID, Status string
			HTTPStatus int `json:"http_status"`
			Error      *struct{ Code string }
		}
	}](t, body)
	want := []struct {
		status string
		http   int
		code   string
	}{{"checked_in", 201, ""}, {"error", 404, "unknown_badge"}, {"error", 400, "invalid_code"}, {"already_checked_in", 200, ""}, {"checked_in", 201, ""}}
	if len(res.Results) != len(want) {
		t.Fatalf("got %d results, want %d: %s", len(res.Results), len(want), body)
	}
	for i, w := range want {
		r := res.Results[i]
		code := ""
		if r.Error != nil {
			code = r.Error.Code
		}
		if r.ID != items[i]["id"] || r.Status != w.status || r.HTTPStatus != w.http || code != w.code {
			t.Errorf("result %d = %+v (code %q), want %s %d %q", i, r, code, w.status, w.http, w.code)
		}
	}
	snap, _ := ts.tally.Snapshot(f.Action)
	if snap.Total != 2 {
		t.Errorf("total after batch = %d, want 2", snap.Total)
	}
}

// TestHeadcountAboveTheMaximumNeedsAnOrganizer: a door's headcount above
// the action's maximum (200 by default, set by an organizer) is refused
// with 403 headcount_needs_organizer; an organizer records it.
func TestHeadcountAboveTheMaximumNeedsAnOrganizer(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	org := signInConsole(t, ts, f)
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	inst := f.Institutions["Centro El Puente"]
	body := func(id string, n int) map[string]any {
		return map[string]any{"id": id, "institution": inst, "count": n}
	}
	if st, b := ts.call(t, "POST", a+"/headcounts", f.Door, body("big-00001", 201)); st != 403 || errCode(b) != "headcount_needs_organizer" {
		t.Errorf("a door's headcount of 201 = %d %s, want 403 headcount_needs_organizer", st, b)
	}
	org.must(t, 201, "POST", a+"/headcounts", body("big-00002", 201))
	got := decodeJSON[struct {
		Action struct {
			HeadcountMax int `json:"headcount_max"`
		}
	}](t, org.must(t, 200, "GET", a, nil))
	if got.Action.HeadcountMax != 200 {
		t.Errorf("the action's headcount_max = %d, want 200", got.Action.HeadcountMax)
	}
	org.must(t, 200, "PUT", a, map[string]any{"name": "Asamblea", "date": "2026-12-12", "goal": 20, "headcount_max": 300})
	if st, b := ts.call(t, "POST", a+"/headcounts", f.Door, body("big-00003", 250)); st != 201 {
		t.Errorf("a door's headcount of 250 under a maximum of 300 = %d %s, want 201", st, b)
	}
}
