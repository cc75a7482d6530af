package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
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

func decodeJSON[T any](tb testing.TB, body []byte) T {
	tb.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		tb.Fatalf("decode %s: %v", body, err)
	}
	return v
}
