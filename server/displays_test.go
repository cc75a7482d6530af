package server

import (
	"fmt"
	"net/http"
	"testing"
)

// TestDisplaysListedAndRevoked: an organizer lists an action's displays and
// revokes one; its token then gets 401 display_revoked, and the others go on.
func TestDisplaysListedAndRevoked(t *testing.T) {
	ts, log := newLoggedServer(t)
	f := ts.seed(t)
	org := signInConsole(t, ts, f)
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	made := decodeJSON[struct{ Token string }](t, org.must(t, 201, "POST", a+"/displays", nil))
	list := decodeJSON[[]struct {
		ID      int64
		Revoked *string `json:"revoked_at"`
	}](t, org.must(t, 200, "GET", a+"/displays", nil))
	if len(list) != 2 || list[0].Revoked != nil {
		t.Fatalf("displays = %+v, want the fixture's and the new one, live", list)
	}
	org.must(t, 204, "POST", fmt.Sprintf("%s/displays/%d/revoke", a, list[0].ID), nil)
	if st, body := ts.call(t, "GET", a+"/turnout", f.Display, nil); st != http.StatusUnauthorized || errCode(body) != "display_revoked" {
		t.Errorf("revoked display = %d %s, want 401 display_revoked", st, body)
	}
	if st, _ := ts.call(t, "GET", a+"/turnout", made.Token, nil); st != 200 {
		t.Errorf("the other display = %d, want 200", st)
	}
	log.wantEvent(t, evTokenRevoked, "127.0.0.1")
	if st, _ := org.do(t, "POST", fmt.Sprintf("/api/actions/%d/displays/%d/revoke", f.Other, list[1].ID), nil); st != 404 {
		t.Errorf("revoking a display through another action = %d, want 404", st)
	}
}
