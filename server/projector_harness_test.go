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
)

// projOrganizer is a signed-in organizer: the session cookie and the CSRF
// token its writes carry.
type projOrganizer struct {
	cookie, csrf string
}

func (ts *testServer) projSignIn(tb testing.TB, f fixture) projOrganizer {
	tb.Helper()
	body, _ := json.Marshal(map[string]string{"name": f.Organizer, "password": f.Password})
	resp, err := http.Post(ts.URL+"/api/session", "application/json", bytes.NewReader(body))
	if err != nil {
		tb.Fatalf("sign in: %v", err)
	}
	defer resp.Body.Close()
	var me struct{ CSRF string }
	json.NewDecoder(resp.Body).Decode(&me)
	for _, c := range resp.Cookies() {
		if c.Name == SessionCookie {
			return projOrganizer{cookie: c.Value, csrf: me.CSRF}
		}
	}
	tb.Fatalf("sign in: status %d, no session cookie", resp.StatusCode)
	return projOrganizer{}
}

// projCallAs sends a request as a signed-in organizer.
func (ts *testServer) projCallAs(tb testing.TB, o projOrganizer, method, path string, body any) (int, []byte) {
	tb.Helper()
	var rd io.Reader
	if body != nil {
		j, _ := json.Marshal(body)
		rd = bytes.NewReader(j)
	}
	req, _ := http.NewRequest(method, ts.URL+path, rd)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", o.csrf)
	req.AddCookie(&http.Cookie{Name: SessionCookie, Value: o.cookie})
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

// projRestart stops ts and starts a new server on the same data folder
// and the same address, so a page open on the old one can reconnect by
// itself. Before it listens, prepare runs on the new server, which is how a
// test changes numbers while the page is cut off.
func projRestart(tb testing.TB, ts *testServer, prepare func(*Server)) *testServer {
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
	go srv.Serve(ln)
	next := &testServer{Server: srv, URL: ts.URL, Dir: ts.Dir}
	tb.Cleanup(func() { next.stop(tb) })
	return next
}

// projCheckIn checks in each code through the API as a door and fails the
// test unless each one counted.
func (ts *testServer) projCheckIn(tb testing.TB, action int64, door string, codes ...string) {
	tb.Helper()
	for _, code := range codes {
		status, body := ts.call(tb, "POST", fmt.Sprintf("/api/actions/%d/checkins", action), door,
			map[string]string{"id": "ci-" + code, "code": code})
		if status != http.StatusCreated {
			tb.Fatalf("check in %s: %d %s", code, status, body)
		}
	}
}
