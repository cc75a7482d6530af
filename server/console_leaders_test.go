package server

import (
	"fmt"
	"testing"

	"presente/server/store"
)

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
