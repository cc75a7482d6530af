package server

import (
	"fmt"
	"testing"

	"presente/server/store"
)

// TestConsoleEditsTheNetwork runs the console's edit calls one after another,
// with the answers a page relies on.
func TestConsoleEditsTheNetwork(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	c := signInConsole(t, ts, f)
	ch := decodeJSON[store.Ref](t, c.must(t, 201, "POST", "/api/chapters", map[string]string{"name": "Chapel Hill"}))
	steps := []struct {
		method, path string
		body         any
		status       int
		code         string
	}{
		{"POST", "/api/chapters", map[string]string{"name": "Chapel Hill"}, 409, "exists"},
		{"PUT", fmt.Sprintf("/api/chapters/%d", ch.ID), map[string]string{"name": "Carrboro"}, 204, ""},
		{"POST", "/api/institutions", map[string]any{"name": "Escuela", "kind": "school", "chapter": 999}, 400, "invalid_chapter"},
		{"POST", "/api/institutions", map[string]any{"name": "Escuela", "kind": "spaceship", "chapter": ch.ID}, 400, "invalid_kind"},
		{"POST", "/api/institutions", map[string]any{"name": "Escuela", "kind": "school", "chapter": ch.ID}, 201, ""},
		{"DELETE", fmt.Sprintf("/api/chapters/%d", ch.ID), nil, 409, "in_use"},
		{"PUT", fmt.Sprintf("/api/institutions/%d", f.Institutions["Centro El Puente"]),
			map[string]any{"name": "Centro El Puente", "kind": "community_center", "chapter": f.Chapters["Durham"]}, 204, ""},
		{"DELETE", fmt.Sprintf("/api/institutions/%d", f.Institutions["Centro El Puente"]), nil, 409, "in_use"},
		{"POST", "/api/leaders", map[string]any{"name": "", "institution": f.Institutions["Centro El Puente"]}, 400, "invalid_name"},
		{"POST", "/api/leaders", map[string]any{"name": "Eva", "institution": 999}, 400, "invalid_institution"},
		{"PUT", fmt.Sprintf("/api/actions/%d", f.Action), map[string]any{"name": "Asamblea anual", "date": "2026-12-13", "goal": 30}, 200, ""},
		{"PUT", fmt.Sprintf("/api/actions/%d", f.Action), map[string]any{"name": "X", "date": "13/12/2026"}, 400, "invalid_date"},
		{"PUT", fmt.Sprintf("/api/actions/%d/commitments", f.Action), []map[string]any{{"institution": f.Institutions["Centro El Puente"], "number": 40}}, 204, ""},
		{"PUT", fmt.Sprintf("/api/actions/%d/commitments", f.Action), []map[string]any{{"institution": 999, "number": 4}}, 400, "invalid_institution"},
		{"GET", "/api/actions/999", nil, 404, "not_found"},
	}
	for _, s := range steps {
		st, body := c.do(t, s.method, s.path, s.body)
		if st != s.status || (s.code != "" && errCode(body) != s.code) {
			t.Errorf("%s %s = %d %s, want %d %s", s.method, s.path, st, body, s.status, s.code)
		}
	}
	snap, _ := ts.tally.Snapshot(f.Action)
	if snap.Goal != 30 || snap.Committed != 7+40+6 {
		t.Errorf("live tally after the edits: goal %d, committed %d; want 30 and 53", snap.Goal, snap.Committed)
	}
}
