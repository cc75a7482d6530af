package server

import (
	"fmt"
	"testing"
)

type consoleRoute struct{ method, path string }

// consoleRouteList reads the route table itself: every organizer-only route,
// so a route added there is covered here without anyone remembering to list
// it.
func consoleRouteList(t *testing.T, ts *testServer, f fixture) []consoleRoute {
	t.Helper()
	var out []consoleRoute
	for _, r := range ts.routeTable() {
		if r.roles == roleOrganizer {
			out = append(out, consoleRoute{r.method, fillParams(r.path, f.Action, "1")})
		}
	}
	if len(out) < 25 {
		t.Fatalf("found only %d organizer routes in the route table", len(out))
	}
	return out
}

// TestConsoleRoutesAreForOrganizersOnly: a door or display token gets 403 on
// every console route, no credential gets 401, and a signed-in organizer's
// cookie without the CSRF header gets 403 on every route that changes
// something.
func TestConsoleRoutesAreForOrganizersOnly(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	c := signInConsole(t, ts, f)
	body := map[string]any{"name": "x", "confirm": true}
	for _, r := range consoleRouteList(t, ts, f) {
		t.Run(r.method+" "+r.path, func(t *testing.T) {
			for _, who := range []struct{ name, token string }{{"door", f.Door}, {"display", f.Display}} {
				if st, out := ts.call(t, r.method, r.path, who.token, body); st != 403 {
					t.Errorf("%s token: %d %s, want 403", who.name, st, out)
				}
			}
			if st, out := ts.call(t, r.method, r.path, "", body); st != 401 {
				t.Errorf("no credential: %d %s, want 401", st, out)
			}
			if r.method == "GET" {
				return
			}
			if st, out := c.send(t, r.method, r.path, body, false); st != 403 || errCode(out) != "csrf" {
				t.Errorf("cookie without CSRF header: %d %s, want 403 csrf", st, out)
			}
		})
	}
}

// TestConsoleNamesNeedASession: reports with names are refused to everyone
// but organizers, and never cached.
func TestConsoleNamesNeedASession(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	c := signInConsole(t, ts, f)
	path := fmt.Sprintf("/api/actions/%d/followup", f.Action)
	req := c.ts.URL + path
	resp, err := c.client.Get(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("follow-up for an organizer: %d, Cache-Control %q; want 200 no-store", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
	c.must(t, 204, "DELETE", "/api/session", nil)
	if st, _ := c.do(t, "GET", path, nil); st != 401 {
		t.Errorf("follow-up after signing out: %d, want 401", st)
	}
}
