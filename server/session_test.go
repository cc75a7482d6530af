package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"strings"
	"testing"
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
	if n := log.wantEvent(t, evOrigin, "127.0.0.1"); n != 3 {
		t.Errorf("%d origin_refused lines, want 3", n)
	}
}
