package server

// The harness every test of the package starts from: the real server on
// 127.0.0.1 over a database in a temporary folder (newTestServer,
// restartServer), the fixture seeded into it, and the callers a test uses —
// a token's (call), a signed-in organizer's (signInConsole) and its own SQL
// around the store (openDB). browser_harness_test.go drives Chromium
// against it; live_harness_test.go holds raw listeners and WebSockets.

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"presente/server/store"
)

// testServer is the real server on a real listener at 127.0.0.1:0 with its
// database in a temporary folder.
type testServer struct {
	*Server
	URL     string
	Dir     string
	stopped bool
}

// newTestServer starts a server on a fresh data folder.
func newTestServer(tb testing.TB) *testServer {
	tb.Helper()
	return startTestServer(tb, tb.TempDir())
}

// startTestServer starts a server on an existing data folder, so a test can
// restart one on the same database.
func startTestServer(tb testing.TB, dir string) *testServer {
	tb.Helper()
	return startTestServerWith(tb, Config{DataDir: dir})
}

// startTestServerWith starts a server with cfg; an empty DataDir is a fresh
// temporary folder.
func startTestServerWith(tb testing.TB, cfg Config) *testServer {
	tb.Helper()
	if cfg.DataDir == "" {
		cfg.DataDir = tb.TempDir()
	}
	dir := cfg.DataDir
	srv, err := New(context.Background(), cfg)
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("listen: %v", err)
	}
	return serveTest(tb, srv, ln, dir)
}

// restartServer stops ts and starts a new server on the same data folder
// and the same address, so a page open on the old one can reconnect by
// itself. Before it listens, prepare (when not nil) runs on the new server,
// which is how a test changes numbers while the page is cut off.
func restartServer(tb testing.TB, ts *testServer, prepare func(*Server)) *testServer {
	tb.Helper()
	addr := strings.TrimPrefix(ts.URL, "http://")
	ts.stop(tb)
	srv, err := New(context.Background(), Config{DataDir: ts.Dir})
	if err != nil {
		tb.Fatalf("restart: %v", err)
	}
	if prepare != nil {
		prepare(srv)
	}
	var ln net.Listener
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if ln, err = net.Listen("tcp", addr); err == nil {
			break
		}
		if time.Now().After(deadline) {
			srv.Shutdown(context.Background())
			tb.Fatalf("listen again on %s: %v", addr, err)
		}
	}
	return serveTest(tb, srv, ln, ts.Dir)
}

// serveTest serves srv on ln until the test ends.
func serveTest(tb testing.TB, srv *Server, ln net.Listener, dir string) *testServer {
	go srv.Serve(ln)
	ts := &testServer{Server: srv, URL: "http://" + ln.Addr().String(), Dir: dir}
	tb.Cleanup(func() { ts.stop(tb) })
	return ts
}

// roomyConfig lifts the caps on live sockets, for tests that stand for a
// whole hall of screens on one token from one address.
func roomyConfig() Config {
	return Config{SocketsPerToken: 1 << 20, SocketsPerAddress: 1 << 20}
}

// stop shuts the server down gracefully; stopping twice does nothing.
func (ts *testServer) stop(tb testing.TB) {
	tb.Helper()
	if ts.stopped {
		return
	}
	ts.stopped = true
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := ts.Shutdown(ctx); err != nil {
		tb.Errorf("Shutdown: %v", err)
	}
}

// fixture is a small network with one action, seeded through the store.
type fixture struct {
	Action, Other        int64               // the action, and a second one
	Chapters             map[string]int64    // by name
	Institutions         map[string]int64    // by name
	Codes                map[string][]string // badge codes by institution name
	Door, Door2, Display string              // tokens for Action
	OtherDoor            string              // a door token of Other
	Organizer, Password  string
}

// seed adds the fixture's network, action, doors, display and organizer.
func (ts *testServer) seed(tb testing.TB) fixture {
	tb.Helper()
	ctx := context.Background()
	st := ts.Store()
	f := fixture{Chapters: map[string]int64{}, Institutions: map[string]int64{}, Codes: map[string][]string{}}
	layout := map[string]map[string]int{
		"Durham":  {"Iglesia San José": 5, "Centro El Puente": 3},
		"Raleigh": {"Sindicato Local 12": 4},
	}
	commit := map[int64]int{}
	for ch, insts := range layout {
		c := must(store.Ref{}, ch)(st.CreateChapter(ctx, ch))
		f.Chapters[ch] = c.ID
		for name, n := range insts {
			in := must(store.Ref{}, name)(st.CreateInstitution(ctx, c.ID, name, ""))
			f.Institutions[name] = in.ID
			commit[in.ID] = n + 2
			var nl []store.NewLeader
			for i := range n {
				nl = append(nl, store.NewLeader{Name: fmt.Sprintf("Líder %d de %s", i+1, name), Institution: in.ID})
			}
			for _, l := range must([]store.LeaderRef{}, name)(st.AddLeaders(ctx, nl)) {
				f.Codes[name] = append(f.Codes[name], l.Code)
			}
		}
	}
	f.Action = must(store.Action{}, "action")(st.CreateAction(ctx, store.Action{Name: "Asamblea", Date: "2026-12-12", Goal: 20})).ID
	f.Other = must(store.Action{}, "other")(st.CreateAction(ctx, store.Action{Name: "Otra", Date: "2027-01-10"})).ID
	if err := st.SetCommitments(ctx, f.Action, commit); err != nil {
		tb.Fatalf("SetCommitments: %v", err)
	}
	f.Door = doorToken(st.CreateDoor(ctx, f.Action, "Puerta norte"))
	f.Door2 = doorToken(st.CreateDoor(ctx, f.Action, "Puerta sur"))
	f.OtherDoor = doorToken(st.CreateDoor(ctx, f.Other, "Otra puerta"))
	_, f.Display, _ = st.CreateDisplay(ctx, f.Action)
	f.Organizer, f.Password = "ana", "correct horse battery"
	if _, err := st.CreateOrganizer(ctx, f.Organizer, f.Password); err != nil {
		tb.Fatalf("CreateOrganizer: %v", err)
	}
	return f
}

// doorToken keeps the token of a door just made; it panics, failing the
// test, on error.
func doorToken(_ store.Door, token string, err error) string {
	if err != nil {
		panic(fmt.Sprintf("seed door: %v", err))
	}
	return token
}

// must is a tiny helper for seeding: it panics, failing the test, on error.
func must[T any](_ T, what string) func(T, error) T {
	return func(v T, err error) T {
		if err != nil {
			panic(fmt.Sprintf("seed %s: %v", what, err))
		}
		return v
	}
}

// call sends a request with an optional bearer token and JSON body and
// returns the status and the body.
func (ts *testServer) call(tb testing.TB, method, path, token string, body any) (int, []byte) {
	tb.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, _ := json.Marshal(b)
		rd = bytes.NewReader(j)
	}
	req, _ := http.NewRequest(method, ts.URL+path, rd)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

// errCode reads the stable error code from an error body.
func errCode(body []byte) string {
	var e struct {
		Error struct{ Code string } `json:"error"`
	}
	json.Unmarshal(body, &e)
	return e.Error.Code
}

// decodeJSON decodes a JSON body into a T, failing the test when it cannot.
func decodeJSON[T any](tb testing.TB, body []byte) T {
	tb.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		tb.Fatalf("decode %s: %v", body, err)
	}
	return v
}

// checkIn checks in each code through the API as a door and fails the
// test unless each one counted.
func (ts *testServer) checkIn(tb testing.TB, action int64, door string, codes ...string) {
	tb.Helper()
	for _, code := range codes {
		status, body := ts.call(tb, "POST", fmt.Sprintf("/api/actions/%d/checkins", action), door,
			map[string]string{"id": "ci-" + code, "code": code})
		if status != http.StatusCreated {
			tb.Fatalf("check in %s: %d %s", code, status, body)
		}
	}
}

// presentTotal is the action's turnout total as the server counts it.
func (ts *testServer) presentTotal(tb testing.TB, action int64, token string) int {
	tb.Helper()
	status, body := ts.call(tb, "GET", fmt.Sprintf("/api/actions/%d/turnout", action), token, nil)
	if status != 200 {
		tb.Fatalf("turnout: %d %s", status, body)
	}
	var snap struct{ Total int }
	json.Unmarshal(body, &snap)
	return snap.Total
}

// waitTotal polls the server until the action's turnout is want: the phone
// sends in the background, so the test waits as a person watching would.
func (ts *testServer) waitTotal(tb testing.TB, action int64, token string, want int) {
	tb.Helper()
	deadline := time.Now().Add(45 * time.Second)
	got := 0
	for time.Now().Before(deadline) {
		if got = ts.presentTotal(tb, action, token); got == want {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	tb.Fatalf("turnout = %d, want %d", got, want)
}

// console is a signed-in organizer's browser, as far as the API sees it:
// a cookie jar and the CSRF token.
type console struct {
	ts     *testServer
	client *http.Client
	csrf   string
}

// signInConsole signs the fixture's organizer in through the API; another
// organizer signs in with a fixture that holds only a name and password.
func signInConsole(tb testing.TB, ts *testServer, f fixture) *console {
	tb.Helper()
	jar, _ := cookiejar.New(nil)
	c := &console{ts: ts, client: &http.Client{Jar: jar, Timeout: time.Minute}}
	st, body := c.send(tb, "POST", "/api/session", map[string]string{"name": f.Organizer, "password": f.Password}, false)
	if st != 200 {
		tb.Fatalf("sign in = %d %s", st, body)
	}
	c.csrf = decodeJSON[struct{ CSRF string }](tb, body).CSRF
	return c
}

// send makes a request with the session cookie, and the CSRF header when
// csrf is set. A []byte body is sent as a CSV file, anything else as JSON.
func (c *console) send(tb testing.TB, method, path string, body any, csrf bool) (int, []byte) {
	tb.Helper()
	var rd io.Reader
	ctype := "application/json"
	switch b := body.(type) {
	case nil:
	case []byte:
		rd, ctype = bytes.NewReader(b), "text/csv"
	default:
		j, _ := json.Marshal(b)
		rd = bytes.NewReader(j)
	}
	req, _ := http.NewRequest(method, c.ts.URL+path, rd)
	req.Header.Set("Content-Type", ctype)
	if csrf {
		req.Header.Set("X-CSRF-Token", c.csrf)
	}
	resp, err := c.client.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

// do is a call made as the console page makes it: with the CSRF header.
func (c *console) do(tb testing.TB, method, path string, body any) (int, []byte) {
	tb.Helper()
	return c.send(tb, method, path, body, true)
}

// must is do, failing the test unless the status is want.
func (c *console) must(tb testing.TB, want int, method, path string, body any) []byte {
	tb.Helper()
	st, out := c.do(tb, method, path, body)
	if st != want {
		tb.Fatalf("%s %s = %d %s, want %d", method, path, st, out, want)
	}
	return out
}

// openDB opens the database file at path for a test's own SQL, around the
// store; readOnly opens it read-only. It is closed when the test ends.
func openDB(tb testing.TB, path string, readOnly bool) *sql.DB {
	tb.Helper()
	q := "?_busy_timeout=10000"
	if readOnly {
		q += "&mode=ro"
	}
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+q)
	if err != nil {
		tb.Fatalf("open %s: %v", filepath.Base(path), err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}
