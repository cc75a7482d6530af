package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestMain lets the test binary stand in for the real one: with
// PRESENTE_TEST_MAIN=1 it runs the command line and exits, so tests can start
// a server as a separate process and kill it.
func TestMain(m *testing.M) {
	if os.Getenv("PRESENTE_TEST_MAIN") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// lockedBuffer is an io.Writer safe to read while a command writes to it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func noEnv(string) string { return "" }

// runCmd runs one command to completion and returns its exit code and output.
func runCmd(tb testing.TB, stdin string, args ...string) (int, string, string) {
	tb.Helper()
	var out, errOut lockedBuffer
	code := run(context.Background(), append([]string{"presente"}, args...), noEnv, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// startDemo runs "presente demo" until the test ends and returns its base URL
// and what it printed.
func startDemo(tb testing.TB, data string) (string, *lockedBuffer) {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"presente", "demo", "--data", data, "--http", "127.0.0.1:0"}, noEnv, strings.NewReader(""), &out, &errOut)
	}()
	tb.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			tb.Errorf("demo exited %d: %s", code, errOut.String())
		}
	})
	re := regexp.MustCompile(`running at (http://\S+)/`)
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			return m[1], &out
		}
		select {
		case code := <-done:
			tb.Fatalf("demo exited %d early: %s %s", code, out.String(), errOut.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	tb.Fatalf("demo printed no address: %s", out.String())
	return "", nil
}

func TestUsage(t *testing.T) {
	for _, help := range []string{"help", "-h", "--help"} {
		if code, out, _ := runCmd(t, "", help); code != 0 || !strings.Contains(out, "usage") {
			t.Errorf("%s: exit %d, stdout %q", help, code, out)
		}
	}
	if code, _, errOut := runCmd(t, "", "fly"); code != 2 || !strings.Contains(errOut, "unknown command") {
		t.Errorf("unknown command: exit %d, stderr %q", code, errOut)
	}
	if code, _, _ := runCmd(t, "", "action", "list", "--bogus"); code != 2 {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
	if code, _, errOut := runCmd(t, "", "action", "list", "--data", t.TempDir()); code != 1 || !strings.Contains(errOut, "no database") {
		t.Errorf("empty data folder: exit %d, stderr %q", code, errOut)
	}
}

func TestEnvironmentFallback(t *testing.T) {
	data := t.TempDir()
	startDemo(t, data)
	env := func(k string) string {
		return map[string]string{"PRESENTE_DATA": data}[k]
	}
	var out, errOut lockedBuffer
	if code := run(context.Background(), []string{"presente", "action", "list"}, env, nil, &out, &errOut); code != 0 {
		t.Fatalf("action list with PRESENTE_DATA: exit %d: %s", code, errOut.String())
	}
	if !strings.HasPrefix(out.String(), "1\t") {
		t.Errorf("action list = %q, want action 1", out.String())
	}
}

// TestDemoEndToEnd is the README's promise: start the demo, take a door
// token and a badge code from the shell commands, check in, and watch the
// institution and chapter move by one.
func TestDemoEndToEnd(t *testing.T) {
	data := t.TempDir()
	base, printed := startDemo(t, data)
	if !strings.Contains(printed.String(), "password") {
		t.Errorf("demo did not print the organizer password: %s", printed.String())
	}
	code, list, _ := runCmd(t, "", "action", "list", "--data", data)
	fields := strings.Split(strings.TrimSpace(list), "\t")
	if code != 0 || len(fields) != 3 {
		t.Fatalf("action list = %d %q, want one line: id, date, name", code, list)
	}
	action := fields[0]
	_, door, _ := runCmd(t, "", "door", "add", "--data", data, "--action", action, "--name", "Puerta sur")
	_, display, _ := runCmd(t, "", "display", "add", "--data", data, "--action", action)
	door, display = strings.TrimSpace(door), strings.TrimSpace(display)
	rows := exportRoster(t, data)
	if len(rows) < 1000 {
		t.Fatalf("roster export has %d leaders, want about 1,200", len(rows))
	}
	before := turnout(t, base, action, display)
	dash := dialDashboard(t, base, action, display)
	status := post(t, base+"/api/actions/"+action+"/checkins", door, fmt.Sprintf(`{"id":"e2e-000001","code":%q}`, rows[0]["code"]))
	if status != 201 {
		t.Fatalf("check-in = %d, want 201", status)
	}
	after := turnout(t, base, action, display)
	inst, chapter := rows[0]["institution"], rows[0]["chapter"]
	if after.inst[inst] != before.inst[inst]+1 || after.chapter[chapter] != before.chapter[chapter]+1 || after.total != before.total+1 {
		t.Errorf("turnout of %s / %s moved from %d/%d to %d/%d, want +1", inst, chapter,
			before.inst[inst], before.chapter[chapter], after.inst[inst], after.chapter[chapter])
	}
	if change := dash.nextChange(t); change.Total != before.total+1 || change.Delta != 1 {
		t.Errorf("dashboard received %+v, want the check-in (+1, total %d)", change, before.total+1)
	}
	if code, out, errOut := runCmd(t, "a long enough password\n", "organizer", "add", "maria", "--data", data); code != 0 {
		t.Errorf("organizer add = %d %s %s", code, out, errOut)
	}
}

func exportRoster(tb testing.TB, data string) []map[string]string {
	tb.Helper()
	code, out, errOut := runCmd(tb, "", "roster", "export", "--data", data)
	if code != 0 {
		tb.Fatalf("roster export = %d: %s", code, errOut)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).ReadAll()
	if err != nil || len(recs) < 2 {
		tb.Fatalf("roster export is not CSV with rows: %v", err)
	}
	var rows []map[string]string
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = rec[i]
		}
		rows = append(rows, row)
	}
	for _, col := range []string{"code", "name", "institution", "chapter", "language"} {
		if _, ok := rows[0][col]; !ok {
			tb.Errorf("roster export lacks column %q: %v", col, recs[0])
		}
	}
	return rows
}

func post(tb testing.TB, url, token, body string) int {
	tb.Helper()
	req, _ := http.NewRequest("POST", url, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatalf("POST %s: %v", url, err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

type numbers struct {
	total         int
	inst, chapter map[string]int
}

func turnout(tb testing.TB, base, action, token string) numbers {
	tb.Helper()
	req, _ := http.NewRequest("GET", base+"/api/actions/"+action+"/turnout", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	var snap struct {
		Total    int
		Chapters []struct {
			Name         string
			Present      int
			Institutions []struct {
				Name    string
				Present int
			}
		}
	}
	if err := jsonDecode(bufio.NewReader(resp.Body), &snap); err != nil {
		tb.Fatal(err)
	}
	n := numbers{total: snap.Total, inst: map[string]int{}, chapter: map[string]int{}}
	for _, ch := range snap.Chapters {
		n.chapter[ch.Name] = ch.Present
		for _, in := range ch.Institutions {
			n.inst[in.Name] = in.Present
		}
	}
	return n
}
