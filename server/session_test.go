package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// signInAs signs in from a chosen loopback address, as another machine, on
// a connection closed after the answer; it returns the status and body.
func signInAs(t *testing.T, ts *testServer, from, name, password string) (int, []byte) {
	t.Helper()
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}}
	tr := &http.Transport{DialContext: dialer.DialContext, DisableKeepAlives: true}
	defer tr.CloseIdleConnections()
	body, _ := json.Marshal(map[string]string{"name": name, "password": password})
	resp, err := (&http.Client{Transport: tr}).Post(ts.URL+"/api/session", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("sign in from %s: %v", from, err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

// liveHeap is the heap in use once the garbage is collected.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC() // the second empties the pools the first only aged
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestSignInHugeNamesKeepNoMemory: 50 sign-ins with 1 MB names from another
// machine are refused with 400 before anything is kept, and the heap stays
// within 10 MB of where it was.
func TestSignInHugeNamesKeepNoMemory(t *testing.T) {
	ts, log := newLoggedServer(t)
	f := ts.seed(t)
	huge := strings.Repeat("n", 1<<20)
	signInAs(t, ts, "127.0.0.5", f.Organizer, "warm up the server's pools")
	before := liveHeap()
	refused := 0
	for i := range 50 {
		st, body := signInAs(t, ts, "127.0.0.5", fmt.Sprintf("%d%s", i, huge), "wrong password")
		if st == http.StatusBadRequest && errCode(body) == "credentials_too_long" {
			refused++
		}
	}
	if refused != 50 {
		t.Errorf("%d of 50 sign-ins with a 1 MB name refused with 400 credentials_too_long, want all", refused)
	}
	if st, body := signInAs(t, ts, "127.0.0.5", f.Organizer, strings.Repeat("p", 257)); st != 400 {
		t.Errorf("a 257-byte password = %d %.200s, want 400", st, body)
	}
	if after := liveHeap(); after > before+10<<20 {
		t.Errorf("heap grew from %d MB to %d MB after 50 huge sign-ins, want within 10 MB", before>>20, after>>20)
	}
	log.wantEvent(t, "signin_failed", "127.0.0.5")
	if strings.Contains(log.String(), huge[:300]) {
		t.Error("the log repeats the typed name")
	}
}

// TestSignInFailuresLogged: wrong passwords and the lockout they lead to
// are security log lines with the address, never the password.
func TestSignInFailuresLogged(t *testing.T) {
	ts, log := newLoggedServer(t)
	f := ts.seed(t)
	for range freeFailures + 1 {
		signInAs(t, ts, "127.0.0.6", f.Organizer, "a wrong secret")
	}
	if n := log.wantEvent(t, "signin_failed", "127.0.0.6"); n != freeFailures {
		t.Errorf("%d signin_failed lines, want %d", n, freeFailures)
	}
	log.wantEvent(t, "signin_throttled", "127.0.0.6")
	if strings.Contains(log.String(), "a wrong secret") {
		t.Error("the log holds a typed password")
	}
}

// TestOriginRefusalsLogged: a sign-in or live socket from another site's
// page, or from a page with a null origin, is refused and logged.
func TestOriginRefusalsLogged(t *testing.T) {
	ts, log := newLoggedServer(t)
	f := ts.seed(t)
	host := strings.TrimPrefix(ts.URL, "http://")
	for _, origin := range []string{"http://evil.example", "null", "http://" + host + ".evil.example"} {
		st, h, body := callHost(t, ts.URL+"/api/session", "127.0.0.1", "POST", host, origin,
			map[string]string{"name": f.Organizer, "password": f.Password})
		if st != 403 || errCode(body) != "bad_origin" || h.Get("Set-Cookie") != "" {
			t.Errorf("sign-in from Origin %s = %d %s, want 403 bad_origin and no cookie", origin, st, body)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	url := fmt.Sprintf("ws://%s/api/actions/%d/live?token=%s", host, f.Action, f.Display)
	_, resp, err := websocket.Dial(ctx, url, &websocket.DialOptions{HTTPHeader: http.Header{"Origin": {"null"}}})
	if err == nil || resp == nil || resp.StatusCode != 403 {
		t.Errorf("live socket from a null Origin: %v %v, want 403", err, resp)
	}
	if n := log.wantEvent(t, evOrigin, "127.0.0.1"); n != 4 {
		t.Errorf("%d origin_refused lines, want 4", n)
	}
}

// TestSessionCookieAndLogout: over plain HTTP on this machine the session
// cookie is HttpOnly and SameSite=Strict; a sign-in never reuses a session
// the browser brought (fixation), and after sign-out the old session is
// gone on the server, not only from the browser.
func TestSessionCookieAndLogout(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	planted, err := ts.Store().SignIn(t.Context(), f.Organizer, f.Password)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("POST", ts.URL+"/api/session",
		strings.NewReader(fmt.Sprintf(`{"name":%q,"password":%q}`, f.Organizer, f.Password)))
	req.Header.Set("Content-Type", "application/json")
	req.AddCookie(&http.Cookie{Name: SessionCookie, Value: planted.Token})
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var fresh *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == SessionCookie {
			fresh = c
		}
	}
	if fresh == nil || fresh.Value == planted.Token || !fresh.HttpOnly || fresh.SameSite != http.SameSiteStrictMode || fresh.Secure {
		t.Fatalf("sign-in cookie = %+v, want a new HttpOnly SameSite=Strict session, not Secure over HTTP", fresh)
	}
	out, _ := http.NewRequest("DELETE", ts.URL+"/api/session", nil)
	out.AddCookie(fresh)
	out.Header.Set("X-CSRF-Token", decodeJSON[struct{ CSRF string }](t, mustMe(t, ts, fresh)).CSRF)
	if resp, err := http.DefaultClient.Do(out); err != nil || resp.StatusCode != 204 {
		t.Fatalf("sign out = %v %v", resp, err)
	}
	if _, err := ts.Store().SessionByToken(t.Context(), fresh.Value); err == nil {
		t.Error("the session still exists on the server after sign-out")
	}
}

// mustMe is GET /api/session with a cookie, for its CSRF token.
func mustMe(t *testing.T, ts *testServer, c *http.Cookie) []byte {
	t.Helper()
	req, _ := http.NewRequest("GET", ts.URL+"/api/session", nil)
	req.AddCookie(c)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return b
}
