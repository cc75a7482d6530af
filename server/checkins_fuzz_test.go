package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"
)

// codeRe is what a stable error code looks like: the browser translates it.
var codeRe = regexp.MustCompile(`^[a-z][a-z_]{1,40}$`)

// fuzzServer is a seeded server for a fuzz target, and a way to put a real
// badge code of this run into an input: seeds say @CODE@.
type fuzzServer struct {
	ts    *testServer
	f     fixture
	codes []string
	n     int
}

func newFuzzServer(f *testing.F) *fuzzServer {
	ts := newTestServer(f)
	fx := ts.seed(f)
	return &fuzzServer{ts: ts, f: fx, codes: benchLeaders(f, ts.Store().Path(), institutionIDs(fx), 500, 0)}
}

// post sends body, with its @CODE@ replaced by a real code, through the
// real app, and returns the status and the response body.
func (fs *fuzzServer) post(t *testing.T, path string, body []byte) (int, []byte) {
	for bytes.Contains(body, []byte("@CODE@")) {
		body = bytes.Replace(body, []byte("@CODE@"), []byte(fs.codes[fs.n%len(fs.codes)]), 1)
		fs.n++
	}
	req := httptest.NewRequest(http.MethodPost, fmt.Sprintf("/api/actions/%d%s", fs.f.Action, path), bytes.NewReader(body))
	req.Host = "localhost" // httptest names example.com, which this server does not answer to
	req.Header.Set("Authorization", "Bearer "+fs.f.Door)
	req.Header.Set("Content-Type", "application/json")
	resp, err := fs.ts.App().Test(req, 10_000)
	if err != nil {
		t.Fatalf("app.Test: %v", err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

// checkAnswer fails unless the answer is a success or a JSON error with a
// stable code, and never a server error.
func checkAnswer(t *testing.T, in []byte, status int, body []byte) {
	t.Helper()
	if status >= 500 {
		t.Fatalf("input %q: status %d %s", in, status, body)
	}
	if status >= 400 {
		if code := errCode(body); !codeRe.MatchString(code) {
			t.Fatalf("input %q: status %d with no stable error code: %s", in, status, body)
		}
		return
	}
	if !json.Valid(body) {
		t.Fatalf("input %q: status %d with a body that is not JSON: %s", in, status, body)
	}
}

// FuzzCheckInJSON posts arbitrary bodies to the check-in endpoint.
func FuzzCheckInJSON(f *testing.F) {
	for _, seed := range []string{
		`{"id":"fuzz-seed-0001","code":"@CODE@"}`,
		`{"id":"fuzz-seed-0001","code":"@CODE@"}`,
		`{"id":"fuzz-seed-0002","code":"@CODE@","at":"2026-12-12T10:32:00Z"}`,
		`{"id":"fuzz-seed-0003","code":"0000-0000-0000-0000"}`,
		`{"id":"fuzz-seed-0004","code":"@CODE@","at":"9999-12-31T23:59:59Z"}`,
		`{"id":"fuzz-seed-0005","code":"@CODE@","at":"0001-01-01T00:00:00Z"}`,
		`{"id":"short","code":"@CODE@"}`,
		`{"id":"fuzz-seed-0006","code":""}`,
		`{"id":12,"code":["x"]}`,
		`{"id":"fuzz-seed-0007","code":"<script>alert(1)</script>"}`,
		`[]`, `null`, ``, `{`, `{"id":"fuzz-seed-0008","code":"@CODE@"} trailing`,
		"{\"id\":\"fuzz-seed-0009\",\"code\":\"\u202e\u0000\"}",
	} {
		f.Add([]byte(seed))
	}
	fs := newFuzzServer(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		status, out := fs.post(t, "/checkins", body)
		checkAnswer(t, body, status, out)
		if status == http.StatusCreated || status == http.StatusOK {
			var res struct{ Status string }
			if json.Unmarshal(out, &res) != nil || res.Status == "" {
				t.Fatalf("input %q: success without a status: %s", body, out)
			}
		}
	})
}

// FuzzBatchJSON posts arbitrary bodies to the offline-sync batch endpoint;
// every item of a batch answered 200 has a status, and its errors a code.
func FuzzBatchJSON(f *testing.F) {
	for _, seed := range []string{
		`[{"id":"fuzz-batch-0001","code":"@CODE@"},{"id":"fuzz-batch-0002","code":"@CODE@"}]`,
		`[{"id":"fuzz-batch-0001","code":"@CODE@"},{"id":"fuzz-batch-0003","code":"nope"}]`,
		`[{"id":"fuzz-batch-0004","code":"@CODE@","at":"2026-12-12T10:32:00-06:00"},{"id":"fuzz-batch-0004","code":"@CODE@"}]`,
		`[{"id":"x","code":"@CODE@"},{},null,3]`,
		`[]`, `{}`, `[[]]`, `[`, `"[]"`,
	} {
		f.Add([]byte(seed))
	}
	fs := newFuzzServer(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		status, out := fs.post(t, "/checkins/batch", body)
		checkAnswer(t, body, status, out)
		if status != http.StatusOK {
			return
		}
		checkBatchItems(t, body, out)
	})
}

func checkBatchItems(t *testing.T, in, out []byte) {
	t.Helper()
	var res struct {
		Results []struct {
			Status     string
			HTTPStatus int `json:"http_status"`
			Error      *struct{ Code string }
		}
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("input %q: batch answer %s: %v", in, out, err)
	}
	for i, r := range res.Results {
		switch {
		case r.HTTPStatus >= 500:
			t.Fatalf("input %q: item %d failed with %d: %s", in, i, r.HTTPStatus, out)
		case r.Status == "error" && (r.Error == nil || !codeRe.MatchString(r.Error.Code)):
			t.Fatalf("input %q: item %d is an error without a stable code: %s", in, i, out)
		case r.Status == "":
			t.Fatalf("input %q: item %d has no status: %s", in, i, out)
		}
	}
}
