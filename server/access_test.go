package server

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestAccessRules walks every engine route with every kind of credential.
func TestAccessRules(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	code := f.Codes["Iglesia San José"][0]
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	other := fmt.Sprintf("/api/actions/%d", f.Other)
	checkin := map[string]string{"id": "acc-00001", "code": code}
	tests := []struct {
		name, method, path, token string
		body                      any
		want                      int
		wantCode                  string
	}{
		{"no token", "POST", a + "/checkins", "", checkin, 401, "unauthorized"},
		{"wrong token", "POST", a + "/checkins", "door_nonsense", checkin, 401, "unauthorized"},
		{"unknown token kind", "POST", a + "/checkins", "abc", checkin, 401, "unauthorized"},
		{"door of another action", "POST", a + "/checkins", f.OtherDoor, checkin, 403, "wrong_action"},
		{"display cannot check in", "POST", a + "/checkins", f.Display, checkin, 403, "forbidden"},
		{"display cannot read the roster", "GET", a + "/roster", f.Display, nil, 403, "forbidden"},
		{"display cannot add a walk-in", "POST", a + "/walkins", f.Display, map[string]any{"id": "acc-00002", "name": "X", "institution": 1}, 403, "forbidden"},
		{"display cannot add a headcount", "POST", a + "/headcounts", f.Display, map[string]any{"id": "acc-00003", "institution": 1, "count": 3}, 403, "forbidden"},
		{"display cannot list doors", "GET", a + "/doors", f.Display, nil, 403, "forbidden"},
		{"door cannot list doors", "GET", a + "/doors", f.Door, nil, 403, "forbidden"},
		{"door cannot create doors", "POST", a + "/doors", f.Door, map[string]string{"name": "x"}, 403, "forbidden"},
		{"door cannot create displays", "POST", a + "/displays", f.Door, nil, 403, "forbidden"},
		{"display of another action", "GET", other + "/turnout", f.Display, nil, 403, "wrong_action"},
		{"door reads turnout", "GET", a + "/turnout", f.Door, nil, 200, ""},
		{"display reads turnout", "GET", a + "/turnout", f.Display, nil, 200, ""},
		{"door reads roster", "GET", a + "/roster", f.Door, nil, 200, ""},
		{"door checks in", "POST", a + "/checkins", f.Door, checkin, 201, ""},
		{"door sees only its action", "GET", "/api/actions", f.Door, nil, 200, ""},
		{"missing action", "GET", "/api/actions/999/turnout", f.Door, nil, 403, "wrong_action"},
		{"bad action id", "GET", "/api/actions/abc/turnout", f.Door, nil, 404, "not_found"},
		{"healthz needs nothing", "GET", "/healthz", "", nil, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := ts.call(t, tt.method, tt.path, tt.token, tt.body)
			if status != tt.want || errCode(body) != tt.wantCode {
				t.Errorf("%s %s = %d %q, want %d %q (%s)", tt.method, tt.path, status, errCode(body), tt.want, tt.wantCode, body)
			}
		})
	}
}

func TestDisplaySeesNoNames(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	ts.call(t, "POST", a+"/checkins", f.Door, map[string]string{"id": "name-0001", "code": f.Codes["Iglesia San José"][0]})
	for _, path := range []string{a + "/turnout", "/api/actions", "/api/session"} {
		status, body := ts.call(t, "GET", path, f.Display, nil)
		if status != 200 {
			t.Fatalf("GET %s = %d %s", path, status, body)
		}
		if strings.Contains(string(body), "Líder") {
			t.Errorf("GET %s shows a leader's name to a display: %s", path, body)
		}
	}
}

func TestRevokedDoorIsToldSo(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	doors, err := ts.Store().Doors(t.Context(), f.Action)
	if err != nil || len(doors) == 0 {
		t.Fatalf("Doors: %v", err)
	}
	if err := ts.Store().RevokeDoor(t.Context(), f.Action, doors[0].ID); err != nil {
		t.Fatal(err)
	}
	status, body := ts.call(t, "GET", fmt.Sprintf("/api/actions/%d/turnout", f.Action), f.Door, nil)
	if status != http.StatusUnauthorized || errCode(body) != "door_revoked" {
		t.Errorf("revoked door = %d %s, want 401 door_revoked", status, body)
	}
}

func TestOrganizerSessionAndCSRF(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	status, body := ts.call(t, "POST", "/api/session", "", map[string]string{"name": f.Organizer, "password": "wrong password"})
	if status != 401 || errCode(body) != "bad_credentials" {
		t.Fatalf("bad password = %d %s", status, body)
	}
	jar := signInConsole(t, ts, f)
	if status, _ := jar.send(t, "GET", "/api/actions", nil, false); status != 200 {
		t.Errorf("organizer GET /api/actions = %d", status)
	}
	path := fmt.Sprintf("/api/actions/%d/doors", f.Action)
	if status, body := jar.send(t, "POST", path, map[string]string{"name": "Puerta oeste"}, false); status != 403 || errCode(body) != "csrf" {
		t.Errorf("POST without CSRF token = %d %s, want 403 csrf", status, body)
	}
	if status, body := jar.send(t, "POST", path, map[string]string{"name": "Puerta oeste"}, true); status != 201 {
		t.Errorf("POST with CSRF token = %d %s, want 201", status, body)
	}
	if status, _ := jar.send(t, "DELETE", "/api/session", nil, true); status != 204 {
		t.Errorf("sign out = %d, want 204", status)
	}
	if status, _ := jar.send(t, "GET", "/api/actions", nil, false); status != 401 {
		t.Errorf("after sign-out GET = %d, want 401", status)
	}
}
