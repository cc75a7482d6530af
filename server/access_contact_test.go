package server

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestContactNeverReachesDoorsOrDisplays: with contact people, walk-ins'
// phones and emails and CRM ids in the database, nothing a door or a
// display may read (every GET of their groups in the route table) holds
// one, and every route that does is organizers only.
func TestContactNeverReachesDoorsOrDisplays(t *testing.T) {
	w, c := followUpWorld(t)
	c.must(t, 204, "PUT", fmt.Sprintf("/api/institutions/%d/contact", w.centroID),
		map[string]string{"contact_name": "Pastora Ruth", "contact_phone": "919-555-0199"})
	importFile(t, c, "VanID,FirstName,LastName,Institución\r\n101,Líder,1 de Iglesia San José,Iglesia San José\r\n")
	secrets := []string{"555-0101", "555-0102", "555-0199", "ana@example.org", "Pastora", "contact_", "van:101", "consent"}
	for _, r := range w.ts.routeTable() {
		if r.method != http.MethodGet || r.roles&(roleDoor|roleDisplay) == 0 || strings.HasSuffix(r.path, "/live") {
			continue
		}
		path := fillParams(r.path, w.f.Action, "1")
		if strings.HasSuffix(path, "/door/feed") {
			path += "?since=0" // the feed itself, not only its cursor
		}
		for _, token := range []string{w.f.Door, w.f.Display} {
			st, body := w.ts.call(t, "GET", path, token, nil)
			for _, s := range secrets {
				if strings.Contains(string(body), s) {
					t.Errorf("GET %s (%d) as a door or display holds %q", path, st, s)
				}
			}
		}
	}
}
