package server

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"presente/server/store"
)

// matrixCaller is one kind of caller the access matrix tries on every route.
type matrixCaller struct {
	name  string
	role  role   // zero: no credential at all
	token string // a bearer token; an organizer sends the session cookie instead
	other bool   // the credential belongs to another action
}

// TestRouteAccessMatrix reads the route table and calls every route with
// every kind of credential. A caller the route's group lets in must not be
// refused (401 or 403) nor fail (5xx); any other gets 401 unauthorized
// without a credential, 403 forbidden with a role outside the group, and
// 403 wrong_action with a credential of another action.
func TestRouteAccessMatrix(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	org := &matrixOrganizer{ts: ts, f: f}
	callers := []matrixCaller{
		{name: "nobody"},
		{name: "door", role: roleDoor, token: f.Door},
		{name: "door of another action", role: roleDoor, token: f.OtherDoor, other: true},
		{name: "display", role: roleDisplay, token: f.Display},
		{name: "organizer", role: roleOrganizer},
	}
	for _, r := range ts.routeTable() {
		// Ids that match nothing: an allowed call changes no record the
		// other calls rely on.
		path := fillParams(r.path, f.Action, "999999")
		for _, who := range callers {
			t.Run(r.method+" "+r.path+" as "+who.name, func(t *testing.T) {
				status, body := org.call(t, r.method, path, who)
				want, wantCode := refusal(r, who)
				switch {
				case want == 0 && (status == 401 || status == 403 || status >= 500):
					t.Errorf("%s %s = %d %s, want it allowed", r.method, path, status, body)
				case want != 0 && (status != want || errCode(body) != wantCode):
					t.Errorf("%s %s = %d %s, want %d %s", r.method, path, status, body, want, wantCode)
				}
			})
		}
	}
}

// refusal is the status and code a caller must get on a route, or zero when
// the route's group lets it in.
func refusal(r route, who matrixCaller) (int, string) {
	switch {
	case r.roles == public:
		return 0, ""
	case who.role == 0:
		return http.StatusUnauthorized, "unauthorized"
	case r.roles&who.role == 0:
		return http.StatusForbidden, "forbidden"
	case who.other && strings.Contains(r.path, ":action"):
		return http.StatusForbidden, "wrong_action"
	}
	return 0, ""
}

// TestRouteTableGroups: every guarded route is under /api, where callers
// are authenticated, and no method and path is listed twice.
func TestRouteTableGroups(t *testing.T) {
	ts := newTestServer(t)
	seen := map[string]bool{}
	for _, r := range ts.routeTable() {
		key := r.method + " " + r.path
		if seen[key] {
			t.Errorf("%s is listed twice", key)
		}
		seen[key] = true
		if r.roles != public && !strings.HasPrefix(r.path, "/api/") {
			t.Errorf("%s is guarded but outside /api, where nobody is authenticated", key)
		}
	}
}

// matrixOrganizer holds a signed-in organizer's session, signing in again
// after a call that signed it out.
type matrixOrganizer struct {
	ts   *testServer
	f    fixture
	sess *store.Session
}

// call sends a request without a body as who.
func (o *matrixOrganizer) call(tb testing.TB, method, path string, who matrixCaller) (int, []byte) {
	tb.Helper()
	req, _ := http.NewRequest(method, o.ts.URL+path, nil)
	req.Header.Set("Content-Type", "application/json")
	if who.token != "" {
		req.Header.Set("Authorization", "Bearer "+who.token)
	}
	if who.role == roleOrganizer {
		sess := o.session(tb)
		req.AddCookie(&http.Cookie{Name: SessionCookie, Value: sess.Token})
		req.Header.Set("X-CSRF-Token", sess.CSRF)
		if method == http.MethodDelete && path == "/api/session" {
			o.sess = nil
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

func (o *matrixOrganizer) session(tb testing.TB) *store.Session {
	tb.Helper()
	if o.sess == nil {
		sess, err := o.ts.Store().SignIn(tb.Context(), o.f.Organizer, o.f.Password)
		if err != nil {
			tb.Fatalf("SignIn: %v", err)
		}
		o.sess = &sess
	}
	return o.sess
}

// fillParams puts the action's id for :action and id for every other
// parameter of a route's path.
func fillParams(path string, action int64, id string) string {
	parts := strings.Split(path, "/")
	for i, p := range parts {
		switch {
		case p == ":action":
			parts[i] = strconv.FormatInt(action, 10)
		case strings.HasPrefix(p, ":"):
			parts[i] = id
		}
	}
	return strings.Join(parts, "/")
}
