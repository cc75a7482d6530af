package server

import (
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
)

// callHost sends a request with the Host header host (and Origin, if set)
// from a chosen loopback address; it returns the status and the body.
func callHost(t *testing.T, url, from, method, host, origin string, body any) (int, http.Header, []byte) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		j, _ := json.Marshal(body)
		rd = bytes.NewReader(j)
	}
	req, _ := http.NewRequest(method, url, rd)
	req.Host = host
	req.Header.Set("Content-Type", "application/json")
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}}
	tr := &http.Transport{DialContext: dialer.DialContext, DisableKeepAlives: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s (Host %s): %v", method, url, host, err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, out
}

// TestHostsAnsweredOnlyOwn: the server answers its own names (localhost,
// loopback, what it was given) and any other Host gets 421.
func TestHostsAnsweredOnlyOwn(t *testing.T) {
	ts, log := newLoggedServer(t, func(c *Config) { c.Hosts = []string{"presente.example", "*.wild.example", "192.168.1.20"} })
	port := ts.URL[strings.LastIndex(ts.URL, ":")+1:]
	tests := []struct {
		host string
		want int
	}{
		{"127.0.0.1:" + port, 200},
		{"localhost:" + port, 200},
		{"LocalHost", 200},
		{"[::1]:" + port, 200},
		{"127.0.0.2", 200},
		{"presente.example:" + port, 200},
		{"Presente.Example.", 200},
		{"192.168.1.20:8080", 200},
		{"door.wild.example", 200},
		{"a.door.wild.example", 421},
		{"rebind.example:" + port, 421},
		{"presente.example.rebind.example", 421},
		{"192.168.1.21", 421},
		{"evil; script-src *", 421},
	}
	for _, tt := range tests {
		st, _, body := callHost(t, ts.URL+"/healthz", "127.0.0.1", "GET", tt.host, "", nil)
		if st != tt.want || (tt.want == 421 && errCode(body) != "misdirected_request") {
			t.Errorf("Host %q = %d %s, want %d", tt.host, st, body, tt.want)
		}
	}
	log.wantEvent(t, evHost, "127.0.0.1")
}

// TestRebindingSignInCannotLockOut: a page on a rebound name sends wrong
// passwords with its own Origin and Host; each gets 421, and none counts
// toward the lockout of the organizer's machine.
func TestRebindingSignInCannotLockOut(t *testing.T) {
	ts, log := newLoggedServer(t)
	f := ts.seed(t)
	port := ts.URL[strings.LastIndex(ts.URL, ":")+1:]
	rebound := "rebind.example:" + port
	wrong := map[string]string{"name": f.Organizer, "password": "wrong password"}
	for i := range freeFailures + 3 {
		st, _, body := callHost(t, ts.URL+"/api/session", "127.0.0.1", "POST", rebound, "http://"+rebound, wrong)
		if st != http.StatusMisdirectedRequest || errCode(body) != "misdirected_request" {
			t.Fatalf("rebound sign-in %d = %d %s, want 421 misdirected_request", i+1, st, body)
		}
	}
	right := map[string]string{"name": f.Organizer, "password": f.Password}
	own := "127.0.0.1:" + port
	if st, _, body := callHost(t, ts.URL+"/api/session", "127.0.0.1", "POST", own, "http://"+own, right); st != 200 {
		t.Errorf("the organizer's own sign-in after the rebound ones = %d %s, want 200", st, body)
	}
	log.wantEvent(t, evHost, "127.0.0.1")
}

// TestLinksNameTheServer: links are built from the server's own spelling of
// its name, and plain HTTP for other machines refuses a foreign Host
// instead of redirecting to it.
func TestLinksNameTheServer(t *testing.T) {
	ts := startTestServerWith(t, Config{Hosts: []string{"presente.example"}})
	_, _, body := callHost(t, ts.URL+"/https/info", "127.0.0.1", "GET", "PRESENTE.Example:8080", "", nil)
	if got := decodeJSON[struct{ URL string }](t, body).URL; got != "http://presente.example:8080/" {
		t.Errorf("/https/info url = %q, want http://presente.example:8080/", got)
	}
	s := serveTLSAndPlain(t)
	remote := strings.TrimPrefix(s.plainURL, "http://")
	for _, host := range []string{"rebind.example", "rebind.example:" + remote[strings.LastIndex(remote, ":")+1:]} {
		st, h, _ := callHost(t, s.plainURL+"/door/", "127.0.0.2", "GET", host, "", nil)
		if st != http.StatusMisdirectedRequest || h.Get("Location") != "" {
			t.Errorf("LAN GET /door/ with Host %s = %d %q, want 421 and no redirect", host, st, h.Get("Location"))
		}
	}
}
