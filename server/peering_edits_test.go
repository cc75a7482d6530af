package server

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
)

// TestVenueRefusesRosterEdits: at a node that joined a hub, the console may
// not edit the roster, actions, commitments, needs or messages (the hub's
// next record would overwrite the edit, and it would never go up): 409
// edited_at_hub. The day's writes that flow up stay allowed.
func TestVenueRefusesRosterEdits(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	if err := ts.Store().SetSelf(context.Background(), "durham", "hub"); err != nil {
		t.Fatal(err)
	}
	c := signInConsole(t, ts, f)
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	san := f.Institutions["Iglesia San José"]
	refused := []struct{ method, path string }{
		{"POST", "/api/chapters"}, {"PUT", fmt.Sprintf("/api/chapters/%d", f.Chapters["Durham"])},
		{"DELETE", fmt.Sprintf("/api/chapters/%d", f.Chapters["Durham"])},
		{"POST", "/api/institutions"}, {"PUT", fmt.Sprintf("/api/institutions/%d", san)},
		{"DELETE", fmt.Sprintf("/api/institutions/%d", san)}, {"PUT", fmt.Sprintf("/api/institutions/%d/contact", san)},
		{"POST", "/api/leaders"}, {"PUT", "/api/leaders/1"}, {"DELETE", "/api/leaders/1"},
		{"POST", "/api/leaders/1/reissue"}, {"POST", "/api/imports/roster"},
		{"POST", "/api/actions"}, {"PUT", a}, {"PUT", a + "/commitments"}, {"POST", a + "/commitments/import"},
		{"PUT", a + "/needs"}, {"PUT", a + "/messages"},
	}
	for _, r := range refused {
		status, body := c.do(t, r.method, r.path, map[string]any{"name": "Cambio local"})
		var got struct{ Error struct{ Code string } }
		json.Unmarshal(body, &got)
		if status != 409 || got.Error.Code != "edited_at_hub" {
			t.Errorf("%s %s at a venue = %d %s, want 409 edited_at_hub", r.method, r.path, status, body)
		}
	}
	c.must(t, 201, "POST", a+"/paper", map[string]any{"id": "venue-paper-1", "code": f.Codes["Centro El Puente"][0]})
	if status, body := ts.call(t, "POST", a+"/walkins", f.Door, map[string]any{"id": "venue-walkin-1", "name": "Ana Nueva",
		"institution": san, "language": "es"}); status != 201 {
		t.Errorf("walk-in at a venue = %d %s, want 201", status, body)
	}
	if status, body := ts.call(t, "POST", a+"/checkins", f.Door, map[string]any{"id": "venue-scan-1",
		"code": f.Codes["Centro El Puente"][1]}); status != 201 {
		t.Errorf("check-in at a venue = %d %s, want 201", status, body)
	}
}
