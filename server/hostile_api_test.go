package server

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"presente/server/store"
)

// organizer signs the hostile world's organizer in through the API.
func (w hostileWorld) organizer(t *testing.T) *console {
	t.Helper()
	return signInConsole(t, w.ts, fixture{Organizer: w.org, Password: w.password})
}

// TestHostileAPIRefusesLongNames: every way in for a name refuses 10,000
// characters with 400 and a stable code, and takes hostile but short text
// exactly as typed.
func TestHostileAPIRefusesLongNames(t *testing.T) {
	w := seedHostile(t)
	c := w.organizer(t)
	chapters, err := w.ts.Store().Chapters(context.Background())
	if err != nil || len(chapters) == 0 {
		t.Fatalf("Chapters: %v %v", chapters, err)
	}
	for _, tc := range longNameCases(w, chapters[0].ID) {
		t.Run(tc.name, func(t *testing.T) {
			var status int
			var body []byte
			if tc.door {
				status, body = w.ts.call(t, tc.method, tc.path, w.door, tc.body)
			} else {
				status, body = c.do(t, tc.method, tc.path, tc.body)
			}
			if status != http.StatusBadRequest || errCode(body) == "" {
				t.Errorf("%s %s with 10,000 characters = %d %.200s; want 400 with a code", tc.method, tc.path, status, body)
			}
		})
	}
	t.Run("hostile short names are kept as typed", func(t *testing.T) { keptAsTyped(t, w, c) })
	t.Run("an import refuses the long row", func(t *testing.T) {
		file := []byte("nombre completo,institución,capítulo\n" + hLong + "," + hImg + ",x\n")
		st, body := c.send(t, "POST", "/api/imports/roster", file, true)
		plan := decodeJSON[store.RosterPlan](t, body)
		if st != http.StatusOK || len(plan.Rows) != 1 || plan.Rows[0].Reason != "too_long" {
			t.Errorf("import preview of a 10,000-character name = %d %.300s; want its row refused as too_long", st, body)
		}
	})
}

// longNameCase is a request that names something with 10,000 characters, as
// the organizer or, for a door's writes, as a door.
type longNameCase struct {
	name, method, path string
	door               bool
	body               map[string]any
}

func longNameCases(w hostileWorld, ch int64) []longNameCase {
	a, l := w.action, w.leaders[hScript]
	day := "2027-03-03"
	return []longNameCase{
		{"new chapter", "POST", "/api/chapters", false, map[string]any{"name": hLong}},
		{"rename chapter", "PUT", fmt.Sprintf("/api/chapters/%d", ch), false, map[string]any{"name": hLong}},
		{"new institution", "POST", "/api/institutions", false, map[string]any{"name": hLong, "chapter": ch}},
		{"edit institution", "PUT", fmt.Sprintf("/api/institutions/%d", w.inst), false, map[string]any{"name": hLong, "chapter": ch}},
		{"new leader", "POST", "/api/leaders", false, map[string]any{"name": hLong, "institution": w.inst}},
		{"edit leader", "PUT", fmt.Sprintf("/api/leaders/%d", l), false, map[string]any{"name": hLong, "institution": w.inst}},
		{"new action", "POST", "/api/actions", false, map[string]any{"name": hLong, "date": day}},
		{"new action's venue", "POST", "/api/actions", false, map[string]any{"name": "Asamblea", "date": day, "venue": hLong}},
		{"edit action", "PUT", fmt.Sprintf("/api/actions/%d", a), false, map[string]any{"name": hLong, "date": day}},
		{"edit action's venue", "PUT", fmt.Sprintf("/api/actions/%d", a), false, map[string]any{"name": "Asamblea", "date": day, "venue": hLong}},
		{"new door", "POST", fmt.Sprintf("/api/actions/%d/doors", a), false, map[string]any{"name": hLong}},
		{"new door to pair", "POST", fmt.Sprintf("/api/actions/%d/pairings", a), false, map[string]any{"name": hLong}},
		{"paper leader", "POST", fmt.Sprintf("/api/actions/%d/paper/leaders", a), false,
			map[string]any{"id": "paper-long", "name": hLong, "institution": w.inst}},
		{"walk-in", "POST", fmt.Sprintf("/api/actions/%d/walkins", a), true,
			map[string]any{"id": "walkin-long", "name": hLong, "institution": w.inst}},
		{"headcount note", "POST", fmt.Sprintf("/api/actions/%d/headcounts", a), true,
			map[string]any{"id": "hc-long", "institution": w.inst, "count": 3, "note": hLong}},
	}
}

// keptAsTyped adds leaders with hostile short names and reads them back
// unchanged: the server stores text, it does not sanitize it.
func keptAsTyped(t *testing.T, w hostileWorld, c *console) {
	for _, name := range []string{hScript, hImg, hBold, hRTL, hZW, hFormula} {
		c.must(t, http.StatusCreated, "POST", "/api/leaders", map[string]any{"name": name, "institution": w.instLong})
	}
	got, _, err := w.ts.Store().Leaders(context.Background(), store.LeaderFilter{Institution: w.instLong})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, l := range got {
		seen[l.Name]++
	}
	for _, name := range []string{hScript, hImg, hBold, hRTL, hZW, hFormula} {
		if seen[name] != 1 {
			t.Errorf("leader %q stored %d times as typed; names seen: %v", name, seen[name], seen)
		}
	}
}
