package server

import (
	"crypto/tls"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestQueryTokenOnlyOnTheLiveRoute: a token in the query string is a
// credential only for the live WebSocket, which cannot carry a header; on
// any other route it is ignored, Upgrade header or not.
func TestQueryTokenOnlyOnTheLiveRoute(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	for _, tt := range []struct{ path, token string }{
		{a + "/turnout", f.Display},
		{a + "/roster", f.Door},
		{"/api/actions", f.Display},
		{a + "/live/x", f.Display},
	} {
		req, _ := http.NewRequest("GET", ts.URL+tt.path+"?token="+url.QueryEscape(tt.token), nil)
		req.Header.Set("Connection", "Upgrade")
		req.Header.Set("Upgrade", "websocket")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized && resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s?token= with Upgrade = %d, want the token ignored (401)", tt.path, resp.StatusCode)
		}
	}
	dialLive(t, ts, f.Action, f.Display) // the live route still takes it
}

// TestSessionCookieOverHTTPSIsHostPrefixed: over HTTPS the session cookie
// is __Host-presente_session, Secure, HttpOnly, SameSite=Strict, for the
// whole site and no domain, and only that name signs in; over plain HTTP
// on this machine it keeps its plain name.
func TestSessionCookieOverHTTPSIsHostPrefixed(t *testing.T) {
	s := serveTLSAndPlain(t)
	f := s.seed(t)
	jar, _ := cookiejar.New(nil)
	secure := &http.Client{Timeout: 10 * time.Second, Jar: jar, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: s.roots, ServerName: "localhost"}}}
	body := fmt.Sprintf(`{"name":%q,"password":%q}`, f.Organizer, f.Password)
	resp, err := secure.Post(s.httpsURL+"/api/session", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cookie := resp.Header.Get("Set-Cookie")
	for _, want := range []string{SecureSessionCookie + "=", "; path=/", "; httponly", "; secure", "; samesite=strict"} {
		if !strings.Contains(strings.ToLower(cookie), strings.ToLower(want)) {
			t.Errorf("HTTPS session cookie %q lacks %q", cookie, want)
		}
	}
	if strings.Contains(strings.ToLower(cookie), "domain=") {
		t.Errorf("HTTPS session cookie %q names a domain", cookie)
	}
	if resp, err := secure.Get(s.httpsURL + "/api/session"); err != nil || resp.StatusCode != 200 {
		t.Errorf("GET /api/session over HTTPS with the cookie = %v %v, want 200", resp.StatusCode, err)
	}
	token := cookie[len(SecureSessionCookie)+1 : strings.Index(cookie, ";")]
	req, _ := http.NewRequest("GET", s.httpsURL+"/api/session", nil)
	req.AddCookie(&http.Cookie{Name: SessionCookie, Value: token})
	plainName := &http.Client{Timeout: 10 * time.Second, Transport: secure.Transport}
	if resp, err := plainName.Do(req); err != nil || resp.StatusCode != 401 {
		t.Errorf("the plain cookie name over HTTPS = %v %v, want 401", resp.StatusCode, err)
	}
	local := signInConsole(t, s.testServer, f)
	if st, _ := local.send(t, "GET", "/api/session", nil, false); st != 200 {
		t.Errorf("plain HTTP on this machine with the plain cookie = %d, want 200", st)
	}
}

// TestCredentialRefusalsLogged: an unknown or revoked token, a stale
// session cookie and a write without the CSRF token are security log
// lines, with no token in them.
func TestCredentialRefusalsLogged(t *testing.T) {
	ts, log := newLoggedServer(t)
	f := ts.seed(t)
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	unknown := "door_" + strings.Repeat("x", 32)
	if st, _ := ts.call(t, "GET", a+"/turnout", unknown, nil); st != 401 {
		t.Fatalf("unknown door token = %d, want 401", st)
	}
	log.wantEvent(t, evTokenUnknown, "127.0.0.1")
	doors, _ := ts.Store().Doors(t.Context(), f.Action)
	ts.Store().RevokeDoor(t.Context(), f.Action, doors[0].ID)
	ts.call(t, "GET", a+"/turnout", f.Door, nil)
	log.wantEvent(t, evTokenRevoked, "127.0.0.1")
	org := signInConsole(t, ts, f)
	if st, _ := org.send(t, "POST", a+"/doors", map[string]string{"name": "Puerta oeste"}, false); st != 403 {
		t.Fatalf("POST without CSRF = %d, want 403", st)
	}
	log.wantEvent(t, evCSRF, "127.0.0.1")
	for _, secret := range []string{unknown, f.Door, org.csrf} {
		if strings.Contains(log.String(), secret) {
			t.Errorf("the log holds a secret: %s", log.String())
		}
	}
}
