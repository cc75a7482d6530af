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

func TestConsoleLeadersAddEditDelete(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	c := signInConsole(t, ts, f)
	inst := f.Institutions["Sindicato Local 12"]
	l := decodeJSON[store.LeaderRef](t, c.must(t, 201, "POST", "/api/leaders", map[string]any{"name": "Eva Luna", "institution": inst}))
	c.must(t, 204, "PUT", fmt.Sprintf("/api/leaders/%d", l.ID), map[string]any{"name": "Eva Luna Ríos",
		"institution": inst, "phone": "919 555 0142", "language": "en"})
	found := decodeJSON[struct {
		Leaders []store.LeaderInfo
		Total   int
	}](t, c.must(t, 200, "GET", "/api/leaders?q=eva+rios", nil))
	if found.Total != 1 || found.Leaders[0].Phone != "919 555 0142" || found.Leaders[0].Language != "en" {
		t.Fatalf("search after the edit: %+v", found)
	}
	byPhone := decodeJSON[struct{ Total int }](t, c.must(t, 200, "GET", "/api/leaders?q=5550142", nil))
	if byPhone.Total != 1 {
		t.Errorf("search by phone found %d, want 1", byPhone.Total)
	}
	c.must(t, 201, "POST", fmt.Sprintf("/api/actions/%d/paper", f.Action), map[string]any{"id": "paper-eva-1", "code": l.Code})
	if st, body := c.do(t, "DELETE", fmt.Sprintf("/api/leaders/%d", l.ID), nil); st != 409 || errCode(body) != "in_use" {
		t.Errorf("delete a leader who was checked in: %d %s, want 409 in_use", st, body)
	}
	other := decodeJSON[store.LeaderRef](t, c.must(t, 201, "POST", "/api/leaders", map[string]any{"name": "Nadie", "institution": inst}))
	c.must(t, 204, "DELETE", fmt.Sprintf("/api/leaders/%d", other.ID), nil)
}

func TestConsoleCommitmentsImport(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	c := signInConsole(t, ts, f)
	path := fmt.Sprintf("/api/actions/%d/commitments/import", f.Action)
	file := []byte("\uFEFFInstitución;Capítulo;Compromiso\r\nIglesia San José;Durham;25\r\nSindicato Local 12;;6\r\nNo Existe;;3\r\n")
	plan := decodeJSON[store.CommitmentPlan](t, c.must(t, 200, "POST", path, file))
	if plan.Update != 1 || plan.Same != 1 || plan.Refused != 1 {
		t.Fatalf("commitments preview: %+v", plan)
	}
	if snap, _ := ts.tally.Snapshot(f.Action); snap.Committed != 18 {
		t.Fatalf("the preview changed the commitments: %d", snap.Committed)
	}
	c.must(t, 200, "POST", path+"?confirm="+plan.Hash, file)
	if snap, _ := ts.tally.Snapshot(f.Action); snap.Committed != 25+5+6 {
		t.Errorf("committed after the import: %d, want 36", snap.Committed)
	}
}
