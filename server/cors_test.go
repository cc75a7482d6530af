package server

import (
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"presente/server/store"
)

// primaryOrigin is the venue's primary, as a standby under test knows it.
const primaryOrigin = "https://192.0.2.10:8443"

// corsCase is one request to a standby and the CORS answer it must get.
type corsCase struct {
	name, method, path, origin, token string
	preflight                         bool // an OPTIONS with Access-Control-Request-Method
	wantAllow                         bool // Access-Control-Allow-Origin: origin
	wantStatus                        int  // 0: any
}

// send makes the case's request and returns the answer.
func (cc corsCase) send(t *testing.T, ts *testServer, client *http.Client) *http.Response {
	t.Helper()
	method := cc.method
	var body *strings.Reader
	if cc.method == "POST" {
		body = strings.NewReader(`{"id":"cors-` + strings.ReplaceAll(cc.name, " ", "-") + `","code":"NOPE"}`)
	} else {
		body = strings.NewReader("")
	}
	if cc.preflight {
		method = "OPTIONS"
	}
	req, _ := http.NewRequest(method, ts.URL+cc.path, body)
	req.Header.Set("Content-Type", "application/json")
	if cc.origin != "" {
		req.Header.Set("Origin", cc.origin)
	}
	if cc.preflight {
		req.Header.Set("Access-Control-Request-Method", cc.method)
		req.Header.Set("Access-Control-Request-Headers", "authorization,content-type")
	} else if cc.token != "" {
		req.Header.Set("Authorization", "Bearer "+cc.token)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

// TestCORSOnlyForTheVenuesDoorRoutes: a standby lets its primary's pages
// call the door's routes with a bearer token (preflight answered, no
// credentials), and nothing else: another origin, another route, a cookie
// instead of a token all get no CORS header, as a single node.
func TestCORSOnlyForTheVenuesDoorRoutes(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ts.venue.set([]string{"https://192.0.2.11:8443"}, store.VenueSites{Primary: []string{primaryOrigin}})
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	cases := []corsCase{
		{name: "preflight of a batch", method: "POST", path: a + "/checkins/batch", origin: primaryOrigin, preflight: true, wantAllow: true, wantStatus: 204},
		{name: "preflight of the heartbeat", method: "POST", path: a + "/door/contact", origin: primaryOrigin, preflight: true, wantAllow: true, wantStatus: 204},
		{name: "preflight of the feed", method: "GET", path: a + "/door/feed", origin: primaryOrigin, preflight: true, wantAllow: true, wantStatus: 204},
		{name: "a check-in", method: "POST", path: a + "/checkins", origin: primaryOrigin, token: f.Door, wantAllow: true},
		{name: "the feed", method: "GET", path: a + "/door/feed", origin: primaryOrigin, token: f.Door, wantAllow: true, wantStatus: 200},
		{name: "a foreign preflight", method: "POST", path: a + "/checkins/batch", origin: "https://evil.example", preflight: true, wantStatus: 403},
		{name: "a look-alike preflight", method: "POST", path: a + "/checkins/batch", origin: primaryOrigin + ".evil.example", preflight: true, wantStatus: 403},
		{name: "another port", method: "POST", path: a + "/checkins", origin: "https://192.0.2.10:8444", token: f.Door},
		{name: "plain http", method: "POST", path: a + "/checkins", origin: "http://192.0.2.10:8443", token: f.Door},
		{name: "a foreign check-in", method: "POST", path: a + "/checkins", origin: "https://evil.example", token: f.Door},
		{name: "the null origin", method: "POST", path: a + "/checkins", origin: "null", token: f.Door},
		{name: "a route not the door's", method: "GET", path: "/api/actions", origin: primaryOrigin, token: f.Display},
		{name: "the turnout", method: "GET", path: a + "/turnout", origin: primaryOrigin, token: f.Door},
		{name: "the session", method: "GET", path: "/api/session", origin: primaryOrigin, token: f.Door},
		{name: "preflight of a route not the door's", method: "GET", path: "/api/actions", origin: primaryOrigin, preflight: true},
		{name: "preflight of the console", method: "POST", path: "/api/chapters", origin: primaryOrigin, preflight: true},
		{name: "no token", method: "POST", path: a + "/checkins", origin: primaryOrigin, wantStatus: 401},
	}
	for _, cc := range cases {
		t.Run(cc.name, func(t *testing.T) {
			resp := cc.send(t, ts, http.DefaultClient)
			checkCORS(t, resp, cc.origin, cc.wantAllow)
			if cc.wantStatus != 0 && resp.StatusCode != cc.wantStatus {
				t.Errorf("status = %d, want %d", resp.StatusCode, cc.wantStatus)
			}
		})
	}
	t.Run("an organizer's cookie", func(t *testing.T) {
		c := signInConsole(t, ts, f)
		jar, _ := cookiejar.New(nil)
		jar.SetCookies(mustURL(t, ts.URL), c.client.Jar.Cookies(mustURL(t, ts.URL)))
		resp := corsCase{name: "cookie", method: "GET", path: a + "/roster", origin: primaryOrigin}.send(t, ts, &http.Client{Jar: jar})
		checkCORS(t, resp, primaryOrigin, false)
	})
}

// checkCORS fails unless the answer allows origin exactly when allow, and
// never allows credentials.
func checkCORS(t *testing.T, resp *http.Response, origin string, allow bool) {
	t.Helper()
	if got := resp.Header.Get("Access-Control-Allow-Origin"); allow && got != origin || !allow && got != "" {
		t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, map[bool]string{true: origin}[allow])
	}
	for h := range resp.Header {
		if strings.EqualFold(h, "Access-Control-Allow-Credentials") || !allow && strings.HasPrefix(strings.ToLower(h), "access-control-") {
			t.Errorf("answers %s: %q", h, resp.Header.Get(h))
		}
	}
}

// TestCORSNoneOnASingleNode: without a standby no origin is allowed, the
// venue's door routes included.
func TestCORSNoneOnASingleNode(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	for _, origin := range []string{primaryOrigin, "https://evil.example", ts.URL} {
		resp := corsCase{name: "single", method: "POST", path: a + "/checkins/batch", origin: origin, preflight: true}.send(t, ts, http.DefaultClient)
		checkCORS(t, resp, origin, false)
	}
}

// TestScannerMayConnectToItsStandby: the scanner's page names the venue's
// other node in its content policy; the console's page does not.
func TestScannerMayConnectToItsStandby(t *testing.T) {
	ts := newTestServer(t)
	ts.venue.set([]string{ts.URL}, store.VenueSites{Standbys: []string{"https://192.0.2.11:8443"}})
	for path, want := range map[string]bool{"/door/": true, "/door/main.js": true, "/console/": false, "/pair/": false} {
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		csp := resp.Header.Get("Content-Security-Policy")
		if got := strings.Contains(csp, "connect-src 'self' https://192.0.2.11:8443"); got != want {
			t.Errorf("%s: content policy %q names the standby: %v, want %v", path, csp, got, want)
		}
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
