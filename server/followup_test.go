package server

import (
	"database/sql"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"presente/server/store"
)

// walkIns adds, at the action's door, Ana, who agreed to be contacted, and
// Beto, who did not; both at El Puente.
func (w *firstWorld) walkIns(t *testing.T) {
	t.Helper()
	a := fmt.Sprintf("/api/actions/%d", w.f.Action)
	callWant(t, w.ts, 201, "POST", a+"/walkins", w.f.Door, map[string]any{"id": "walk-contact-1", "name": "Ana Nueva",
		"institution": w.centroID, "language": "en", "phone": "919-555-0101", "email": "ana@example.org", "consent": true})
	callWant(t, w.ts, 201, "POST", a+"/walkins", w.f.Door, map[string]any{"id": "walk-contact-2", "name": "Beto Sinpermiso",
		"institution": w.centroID, "phone": "919-555-0102", "consent": false})
}

// TestWalkInContactAndConsent: a walk-in's phone, email, language and
// consent are stored as given; the door's answer never echoes the contact;
// a replay adds nobody; a phone with a control character is refused.
func TestWalkInContactAndConsent(t *testing.T) {
	w := newFirstWorld(t)
	w.walkIns(t)
	db := reportDB(t, w.ts)
	type row struct {
		phone, email, lang string
		consent, walkIn    bool
	}
	for name, want := range map[string]row{
		"Ana Nueva":       {"919-555-0101", "ana@example.org", "en", true, true},
		"Beto Sinpermiso": {"919-555-0102", "", "es", false, true},
	} {
		var got row
		err := db.QueryRow(`SELECT phone, email, language, consent, walk_in FROM leaders WHERE name = ?`, name).
			Scan(&got.phone, &got.email, &got.lang, &got.consent, &got.walkIn)
		if err != nil || got != want {
			t.Errorf("%s: %+v %v, want %+v", name, got, err, want)
		}
	}
	a := fmt.Sprintf("/api/actions/%d", w.f.Action)
	again := callWant(t, w.ts, 201, "POST", a+"/walkins", w.f.Door, map[string]any{"id": "walk-contact-1", "name": "Ana Nueva",
		"institution": w.centroID, "phone": "919-555-0101", "consent": true})
	if strings.Contains(string(again), "555-0101") || !strings.Contains(string(again), `"replayed":true`) {
		t.Errorf("replayed walk-in answer %s: want the first answer, replayed, without the phone", again)
	}
	if n := reportSQLInt(t, db, `SELECT count(*) FROM leaders WHERE name = 'Ana Nueva'`); n != 1 {
		t.Errorf("%d leaders named Ana Nueva after a replay, want 1", n)
	}
	st, body := w.ts.call(t, "POST", a+"/walkins", w.f.Door, map[string]any{"id": "walk-contact-3", "name": "Carla",
		"institution": w.centroID, "phone": "919\x00555"})
	if st != 400 || errCode(body) != "invalid_phone" {
		t.Errorf("a phone with a NUL = %d %s, want 400 invalid_phone", st, body)
	}
}

// leaderNamed is a leader's id, by name.
func (w *firstWorld) leaderNamed(t *testing.T, name string) int64 {
	t.Helper()
	var id int64
	if err := reportDB(t, w.ts).QueryRow(`SELECT id FROM leaders WHERE name = ?`, name).Scan(&id); err != nil {
		t.Fatalf("leader %q: %v", name, err)
	}
	return id
}

// followUpWorld: San José's first leader came to the earlier action and
// this one, its second for the first time; El Puente's third leader did not
// agree to be contacted; Ana and Beto walked in.
func followUpWorld(t *testing.T) (*firstWorld, *console) {
	t.Helper()
	w := newFirstWorld(t)
	c := signInConsole(t, w.ts, w.f)
	w.scan(t, w.before, w.san[0])
	w.scan(t, w.f.Action, w.san[0])
	w.scan(t, w.f.Action, w.san[1])
	w.walkIns(t)
	db := reportDB(t, w.ts)
	var refused int64
	if err := db.QueryRow(`SELECT id FROM leaders WHERE name = 'Líder 3 de Centro El Puente'`).Scan(&refused); err != nil {
		t.Fatal(err)
	}
	c.must(t, 204, "PUT", fmt.Sprintf("/api/leaders/%d", refused), map[string]any{"name": "Líder 3 de Centro El Puente",
		"institution": w.centroID, "consent": false})
	return w, c
}

// sqlList is one follow-up list as the test's own SQL reads it: names of
// consenting leaders, per institution id.
func sqlList(t *testing.T, db *sql.DB, list string, action int64) map[int64][]string {
	t.Helper()
	queries := map[string]string{
		store.ListAbsent: `SELECT l.institution_id, l.name FROM leaders l JOIN commitments m ON m.institution_id = l.institution_id
			AND m.action_id = ?1 AND m.number > 0 WHERE l.consent = 1 AND l.id NOT IN
			(SELECT leader_id FROM checkins WHERE action_id = ?1 AND undone_at IS NULL)`,
		store.ListFirst: `SELECT k.institution_id, l.name FROM checkins k JOIN leaders l ON l.id = k.leader_id
			JOIN actions a ON a.id = k.action_id WHERE k.action_id = ?1 AND k.undone_at IS NULL AND l.consent = 1
			AND NOT EXISTS (SELECT 1 FROM checkins e JOIN actions ea ON ea.id = e.action_id WHERE e.leader_id = k.leader_id
				AND e.undone_at IS NULL AND (ea.date < a.date OR (ea.date = a.date AND ea.id < a.id)))`,
		store.ListWalkIns: `SELECT k.institution_id, l.name FROM walkins w JOIN checkins k ON k.id = w.checkin_id
			JOIN leaders l ON l.id = w.leader_id WHERE w.action_id = ?1 AND k.undone_at IS NULL AND l.consent = 1`,
	}
	rows, err := db.Query(queries[list], action)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int64][]string{}
	for rows.Next() {
		var inst int64
		var name string
		rows.Scan(&inst, &name)
		out[inst] = append(out[inst], name)
	}
	for _, names := range out {
		slices.Sort(names)
	}
	return out
}

// TestFollowUpLists: the three lists, per institution, against the test's
// SQL and by hand, consent honoured (and who was left out counted), on the
// page and in each CSV.
func TestFollowUpLists(t *testing.T) {
	w, c := followUpWorld(t)
	db := reportDB(t, w.ts)
	a := fmt.Sprintf("/api/actions/%d", w.f.Action)
	fu := decodeJSON[store.FollowUp](t, c.must(t, 200, "GET", a+"/followup", nil))
	byHand := map[string]map[int64][]string{
		store.ListAbsent: {
			w.sanID:    {"Líder 3 de Iglesia San José", "Líder 4 de Iglesia San José", "Líder 5 de Iglesia San José"},
			w.centroID: {"Líder 1 de Centro El Puente", "Líder 2 de Centro El Puente"},
			w.s:        {"Líder 1 de Sindicato Local 12", "Líder 2 de Sindicato Local 12", "Líder 3 de Sindicato Local 12", "Líder 4 de Sindicato Local 12"},
		},
		store.ListFirst:   {w.sanID: {"Líder 2 de Iglesia San José"}, w.centroID: {"Ana Nueva"}},
		store.ListWalkIns: {w.centroID: {"Ana Nueva"}},
	}
	withheld := map[string]int{store.ListAbsent: 1, store.ListFirst: 1, store.ListWalkIns: 1}
	for list, want := range byHand {
		got := map[int64][]string{}
		for _, in := range fu.Institutions {
			for _, l := range in.List(list) {
				got[in.Institution.ID] = append(got[in.Institution.ID], l.Name)
			}
			if in.Institution.ID == w.centroID && in.Withheld[list] != withheld[list] {
				t.Errorf("%s: El Puente withheld %d, want %d", list, in.Withheld[list], withheld[list])
			}
		}
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(got, sqlList(t, db, list, w.f.Action)) {
			t.Errorf("%s list %v\n by hand %v\n SQL %v", list, got, want, sqlList(t, db, list, w.f.Action))
		}
		rows := readReportCSV(t, c.must(t, 200, "GET", a+"/followup.csv?list="+list, nil))
		n := 0
		for _, names := range want {
			n += len(names)
		}
		if len(rows) != 1+n || rows[0][2] != "Nombre" || strings.Contains(fmt.Sprint(rows), "Beto") {
			t.Errorf("%s CSV %q: want a header and %d rows, and never Beto", list, rows, n)
		}
	}
	if st, body := c.do(t, "GET", a+"/followup.csv?list=everyone", nil); st != 400 || errCode(body) != "invalid_list" {
		t.Errorf("an unknown list = %d %s, want 400 invalid_list", st, body)
	}
}

// TestLeaderHistoryPage: a leader's actions — present (how), first time,
// absent where the institution committed.
func TestLeaderHistoryPage(t *testing.T) {
	w, c := followUpWorld(t)
	db := reportDB(t, w.ts)
	var id int64
	if err := db.QueryRow(`SELECT id FROM leaders WHERE name = 'Líder 1 de Iglesia San José'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	c.must(t, 204, "PUT", fmt.Sprintf("/api/actions/%d/commitments", w.f.Other), []map[string]any{{"institution": w.sanID, "number": 3}})
	h := decodeJSON[store.LeaderHistory](t, c.must(t, 200, "GET", fmt.Sprintf("/api/leaders/%d/history", id), nil))
	type seen struct {
		action       int64
		status, how  string
		first, doors bool
	}
	var got []seen
	for _, la := range h.Actions {
		got = append(got, seen{la.Action.ID, la.Status, la.Source, la.FirstTime, la.Door != ""})
	}
	want := []seen{ // newest first
		{w.f.Other, store.AttendedAbsent, "", false, false},
		{w.f.Action, store.AttendedPresent, "scan", false, true},
		{w.before, store.AttendedPresent, "scan", true, true},
	}
	if !reflect.DeepEqual(got, want) || h.Leader.ID != id {
		t.Errorf("history of %d: %+v\nwant %+v", h.Leader.ID, got, want)
	}
}
