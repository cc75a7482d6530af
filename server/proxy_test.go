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

// viaProxy sends a request from a chosen loopback address with extra
// headers, as a reverse proxy (or someone pretending to be one) would.
func viaProxy(t *testing.T, ts *testServer, from, method, path string, headers map[string]string, body any) *http.Response {
	t.Helper()
	var rd io.Reader
	if body != nil {
		j, _ := json.Marshal(body)
		rd = bytes.NewReader(j)
	}
	req, _ := http.NewRequest(method, ts.URL+path, rd)
	req.Header.Set("Content-Type", "application/json")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	if h := headers["Host"]; h != "" {
		req.Host = h
	}
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}}
	tr := &http.Transport{DialContext: dialer.DialContext, DisableKeepAlives: true}
	t.Cleanup(tr.CloseIdleConnections)
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// TestForgedForwardingHeadersChangeNothing: from an address that is not a
// trusted proxy, X-Forwarded-Proto does not make the session cookie Secure
// nor the page think it is on HTTPS, and X-Forwarded-For does not change
// the address the lockout and the security log see.
func TestForgedForwardingHeadersChangeNothing(t *testing.T) {
	ts, log := newLoggedServer(t)
	f := ts.seed(t)
	forged := map[string]string{"X-Forwarded-Proto": "https", "X-Forwarded-Ssl": "on", "X-Url-Scheme": "https",
		"X-Forwarded-For": "10.9.9.9", "X-Forwarded-Host": "rebind.example"}
	resp := viaProxy(t, ts, "127.0.0.9", "POST", "/api/session", forged, map[string]string{"name": f.Organizer, "password": f.Password})
	cookie := resp.Header.Get("Set-Cookie")
	if resp.StatusCode != 200 || strings.Contains(strings.ToLower(cookie), "secure") || !strings.HasPrefix(cookie, SessionCookie+"=") {
		t.Errorf("sign-in with forged headers = %d, cookie %q; want 200 and a plain, not Secure, cookie", resp.StatusCode, cookie)
	}
	info, _ := io.ReadAll(viaProxy(t, ts, "127.0.0.9", "GET", "/https/info", forged, nil).Body)
	if !strings.Contains(string(info), `"https":false`) || strings.Contains(string(info), "rebind") {
		t.Errorf("/https/info with forged headers = %s, want plain HTTP on this server's name", info)
	}
	viaProxy(t, ts, "127.0.0.9", "POST", "/api/session", forged, map[string]string{"name": f.Organizer, "password": "wrong password"})
	log.wantEvent(t, evSignInFailed, "127.0.0.9")
	if len(log.events(evSignInFailed)) != 1 {
		t.Errorf("the failed sign-in was logged from another address: %s", log.String())
	}
}

// TestTrustedProxyForwards: from a --trusted-proxy address, the forwarding
// headers say who the client is, how it came and which name it asked for.
func TestTrustedProxyForwards(t *testing.T) {
	ts, log := newLoggedServer(t, func(c *Config) {
		c.TrustedProxies = []string{"127.0.0.10", "10.1.0.0/16"}
		c.Hosts = []string{"presente.example"}
	})
	f := ts.seed(t)
	fwd := map[string]string{"X-Forwarded-Proto": "https", "X-Forwarded-Host": "presente.example",
		"X-Forwarded-For": "203.0.113.66, 198.51.100.7, 10.1.2.3", "Origin": "https://presente.example"}
	resp := viaProxy(t, ts, "127.0.0.10", "POST", "/api/session", fwd, map[string]string{"name": f.Organizer, "password": "wrong password"})
	if resp.StatusCode != 401 {
		t.Fatalf("wrong password through the proxy = %d, want 401", resp.StatusCode)
	}
	log.wantEvent(t, evSignInFailed, "198.51.100.7")
	resp = viaProxy(t, ts, "127.0.0.10", "POST", "/api/session", fwd, map[string]string{"name": f.Organizer, "password": f.Password})
	if cookie := resp.Header.Get("Set-Cookie"); resp.StatusCode != 200 || !strings.Contains(strings.ToLower(cookie), "; secure") {
		t.Errorf("sign-in through the proxy = %d, cookie %q; want 200 and a Secure cookie", resp.StatusCode, cookie)
	}
	fwd["X-Forwarded-Host"] = "rebind.example"
	if resp := viaProxy(t, ts, "127.0.0.10", "GET", "/healthz", fwd, nil); resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("a forwarded foreign host = %d, want 421", resp.StatusCode)
	}
}

// TestProxyOnThisMachineDoesNotLiftLimits: a reverse proxy on this machine
// makes every request come from 127.0.0.1, which is not rate limited; the
// clients it forwards are, by their own address.
func TestProxyOnThisMachineDoesNotLiftLimits(t *testing.T) {
	ts := startTestServerWith(t, Config{TrustedProxies: []string{"127.0.0.1"}})
	f := ts.seed(t)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}}
	get := func() int {
		req, _ := http.NewRequest("GET", ts.URL+"/healthz", nil)
		req.URL.Path = "/api/actions"
		req.Header.Set("Authorization", "Bearer "+f.Door)
		req.Header.Set("X-Forwarded-For", "10.0.0.5")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for i := range perToken {
		if st := get(); st != 200 {
			t.Fatalf("request %d within the limit = %d", i+1, st)
		}
	}
	if st := get(); st != http.StatusTooManyRequests {
		t.Errorf("request past the limit through a local proxy = %d, want 429", st)
	}
}
