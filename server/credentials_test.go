package server

import (
	"fmt"
	"net/http"
	"testing"

	"presente/server/store"
)

// instNumbers finds an institution's frozen numbers in a closing.
func instNumbers(cr store.Credentials, name string) (committed, delegation int, ok bool) {
	for _, ch := range cr.Chapters {
		for _, in := range ch.Institutions {
			if in.Name == name {
				return in.Committed, in.Delegation, true
			}
		}
	}
	return 0, 0, false
}

func TestCredentialsCloseFreezesAndClosesAgainOnlyWhenAsked(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	org := signInConsole(t, ts, f)
	ts.checkIn(t, f.Action, f.Door, f.Codes["Iglesia San José"][:2]...)
	if st, b := ts.call(t, "POST", a+"/headcounts", f.Door, map[string]any{"id": "hc-000001",
		"institution": f.Institutions["Sindicato Local 12"], "count": 3}); st != http.StatusCreated {
		t.Fatalf("headcount = %d %s", st, b)
	}

	onlyOrganizersClose(t, ts, f)
	st, b := org.do(t, "POST", a+"/credentials", nil)
	if st != http.StatusCreated {
		t.Fatalf("close = %d %s", st, b)
	}
	first := decodeJSON[store.Credentials](t, b)
	want := map[string][2]int{"Iglesia San José": {7, 2}, "Centro El Puente": {5, 0}, "Sindicato Local 12": {6, 3}}
	for name, w := range want {
		c, d, ok := instNumbers(first, name)
		if !ok || c != w[0] || d != w[1] {
			t.Errorf("%s frozen = %d/%d (found %v), want commitment %d, delegation %d", name, c, d, ok, w[0], w[1])
		}
	}
	if !first.Closed || first.Revision != 1 || first.Committed != 18 || first.Delegation != 5 || first.ClosedAt == nil {
		t.Errorf("closing = %+v, want closed, revision 1, 18 committed, delegation 5", first)
	}

	ts.checkIn(t, f.Action, f.Door, f.Codes["Iglesia San José"][2])
	_, b = ts.call(t, "GET", a+"/credentials", f.Display, nil)
	if _, d, _ := instNumbers(decodeJSON[store.Credentials](t, b), "Iglesia San José"); d != 2 {
		t.Errorf("after a later check-in the frozen delegation = %d, want 2", d)
	}
	if st, b := org.do(t, "POST", a+"/credentials", map[string]any{}); st != 409 || errCode(b) != "credentials_closed" {
		t.Errorf("close twice = %d %s, want 409 credentials_closed", st, b)
	}
	st, b = org.do(t, "POST", a+"/credentials", map[string]any{"again": true})
	again := decodeJSON[store.Credentials](t, b)
	if _, d, _ := instNumbers(again, "Iglesia San José"); st != 201 || again.Revision != 2 || d != 3 {
		t.Errorf("close again = %d revision %d delegation %d, want 201, revision 2, delegation 3", st, again.Revision, d)
	}
	assertFrozenInDatabase(t, ts.Store().Path(), 2)
}

// onlyOrganizersClose checks that the credentials start open and that a
// display or a door cannot close them.
func onlyOrganizersClose(t *testing.T, ts *testServer, f fixture) {
	t.Helper()
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	if st, b := ts.call(t, "GET", a+"/credentials", f.Display, nil); st != 200 || decodeJSON[store.Credentials](t, b).Closed {
		t.Fatalf("credentials before closing = %d %s, want 200 and not closed", st, b)
	}
	for _, token := range []string{f.Display, f.Door} {
		if st, b := ts.call(t, "POST", a+"/credentials", token, nil); st != 403 || errCode(b) != "forbidden" {
			t.Errorf("close with a %s token = %d %s, want 403 forbidden", token[:4], st, b)
		}
	}
}

// assertFrozenInDatabase goes around the store: the database itself refuses
// to change or delete frozen numbers, and keeps every closing.
func assertFrozenInDatabase(t *testing.T, path string, closings int) {
	t.Helper()
	db := openDB(t, path, false)
	defer db.Close()
	for _, q := range []string{`UPDATE credential_counts SET delegation = 99`, `DELETE FROM credential_counts`,
		`DELETE FROM credential_closings`, `UPDATE credential_closings SET closed_at = 'x'`,
		`UPDATE credential_closings SET superseded_at = NULL`} {
		if _, err := db.Exec(q); err == nil {
			t.Errorf("%s succeeded; want the database to refuse it", q)
		}
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM credential_closings`).Scan(&n); err != nil || n != closings {
		t.Errorf("closings kept = %d (%v), want %d", n, err, closings)
	}
}

func TestCredentialsOfAnotherActionAreOutOfReach(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	other := fmt.Sprintf("/api/actions/%d", f.Other)
	for _, path := range []string{other + "/credentials", other + "/arrivals"} {
		if st, b := ts.call(t, "GET", path, f.Display, nil); st != 403 || errCode(b) != "wrong_action" {
			t.Errorf("GET %s with another action's display = %d %s, want 403 wrong_action", path, st, b)
		}
	}
	if st, b := ts.call(t, "GET", "/api/actions/999/credentials", "", nil); st != 401 {
		t.Errorf("credentials without a token = %d %s, want 401", st, b)
	}
}
