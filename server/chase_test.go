package server

import (
	"database/sql"
	"fmt"
	"reflect"
	"testing"

	"presente/server/store"
)

// chaseWorld is the fixture with some arrived, a contact person, and a
// leader who did not agree to be contacted.
type chaseWorld struct {
	ts *testServer
	f  fixture
	c  *console
	a  string
}

func newChaseWorld(t *testing.T) *chaseWorld {
	t.Helper()
	ts := newTestServer(t)
	f := ts.seed(t)
	w := &chaseWorld{ts: ts, f: f, c: signInConsole(t, ts, f), a: fmt.Sprintf("/api/actions/%d", f.Action)}
	// Commitments: San José 7 of 5 leaders, El Puente 5 of 3, Local 12 6 of 4.
	for i, code := range f.Codes["Iglesia San José"][:3] {
		callWant(t, ts, 201, "POST", w.a+"/checkins", f.Door, map[string]string{"id": fmt.Sprintf("chase-san-%d", i), "code": code})
	}
	callWant(t, ts, 201, "POST", w.a+"/headcounts", f.Door, map[string]any{"id": "chase-bus-1",
		"institution": f.Institutions["Sindicato Local 12"], "count": 6})
	w.c.must(t, 204, "PUT", fmt.Sprintf("/api/institutions/%d/contact", f.Institutions["Centro El Puente"]),
		map[string]string{"contact_name": "Pastora Ruth", "contact_phone": "919-555-0199"})
	refused := w.leaderID(t, "Líder 2 de Centro El Puente")
	w.c.must(t, 204, "PUT", fmt.Sprintf("/api/leaders/%d", refused), map[string]any{"name": "Líder 2 de Centro El Puente",
		"institution": f.Institutions["Centro El Puente"], "consent": false})
	return w
}

func (w *chaseWorld) leaderID(t *testing.T, name string) int64 {
	t.Helper()
	db := reportDB(t, w.ts)
	var id int64
	if err := db.QueryRow(`SELECT id FROM leaders WHERE name = ?`, name).Scan(&id); err != nil {
		t.Fatalf("leader %q: %v", name, err)
	}
	return id
}

// sqlChaseNames is, per short institution in the test's own order (most
// short first, then by name), the consenting leaders not present.
func sqlChaseNames(t *testing.T, db *sql.DB, action int64) [][]string {
	t.Helper()
	rows, err := db.Query(`SELECT i.id, m.number - (SELECT count(*) FROM checkins k WHERE k.action_id = ?1 AND k.institution_id = i.id AND k.undone_at IS NULL)
		- coalesce((SELECT sum(count) FROM headcounts h WHERE h.action_id = ?1 AND h.institution_id = i.id AND h.undone_at IS NULL), 0) AS short
		FROM commitments m JOIN institutions i ON i.id = m.institution_id WHERE m.action_id = ?1 AND short > 0
		ORDER BY short DESC, i.name`, action)
	if err != nil {
		t.Fatal(err)
	}
	var insts []int64
	for rows.Next() {
		var id int64
		var short int
		rows.Scan(&id, &short)
		insts = append(insts, id)
	}
	rows.Close()
	var out [][]string
	for _, inst := range insts {
		var names []string
		rows, err := db.Query(`SELECT name FROM leaders l WHERE institution_id = ? AND consent = 1 AND id NOT IN
			(SELECT leader_id FROM checkins WHERE action_id = ? AND undone_at IS NULL) ORDER BY name`, inst, action)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var n string
			rows.Scan(&n)
			names = append(names, n)
		}
		rows.Close()
		out = append(out, names)
	}
	return out
}

func chaseNames(ch store.Chase) [][]string {
	var out [][]string
	for _, in := range ch.Institutions {
		var names []string
		for _, l := range in.Missing {
			names = append(names, l.Name)
		}
		out = append(out, names)
	}
	return out
}

// TestChaseOrderAndContents: the short institutions, most short first,
// with their contact person; nobody present listed, nor anyone who did not
// agree to be contacted; an arrival moves the list.
func TestChaseOrderAndContents(t *testing.T) {
	w := newChaseWorld(t)
	db := reportDB(t, w.ts)
	ch := decodeJSON[store.Chase](t, w.c.must(t, 200, "GET", w.a+"/chase", nil))
	type short struct {
		name                   string
		committed, present, by int
	}
	var got []short
	for _, in := range ch.Institutions {
		got = append(got, short{in.Institution.Name, in.Committed, in.Present, in.Short})
	}
	want := []short{{"Centro El Puente", 5, 0, 5}, {"Iglesia San José", 7, 3, 4}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("chase %+v, want %+v (Local 12 met its commitment)", got, want)
	}
	if c := ch.Institutions[0].Contact; c.Name != "Pastora Ruth" || c.Phone != "919-555-0199" {
		t.Errorf("El Puente's contact %+v, want Pastora Ruth 919-555-0199", c)
	}
	byHand := [][]string{{"Líder 1 de Centro El Puente", "Líder 3 de Centro El Puente"},
		{"Líder 4 de Iglesia San José", "Líder 5 de Iglesia San José"}}
	if names := chaseNames(ch); !reflect.DeepEqual(names, byHand) || !reflect.DeepEqual(names, sqlChaseNames(t, db, w.f.Action)) {
		t.Errorf("chase names %q; by hand %q, SQL %q", names, byHand, sqlChaseNames(t, db, w.f.Action))
	}

	callWant(t, w.ts, 201, "POST", w.a+"/checkins", w.f.Door, map[string]string{"id": "chase-centro-0",
		"code": w.f.Codes["Centro El Puente"][0]})
	ch = decodeJSON[store.Chase](t, w.c.must(t, 200, "GET", w.a+"/chase", nil))
	byHand = [][]string{{"Líder 3 de Centro El Puente"}, {"Líder 4 de Iglesia San José", "Líder 5 de Iglesia San José"}}
	if names := chaseNames(ch); !reflect.DeepEqual(names, byHand) || ch.Institutions[0].Short != 4 {
		t.Errorf("after an arrival: %q, El Puente short %d; want %q and 4", names, ch.Institutions[0].Short, byHand)
	}
}

// TestMessagesPerAction: the texts the chase prefills are kept per action
// and language; a control character is refused.
func TestMessagesPerAction(t *testing.T) {
	w := newChaseWorld(t)
	m := store.Messages{ES: "Hola, te esperamos en la asamblea.\n¿Vienes?", EN: "Hi, we are waiting for you."}
	w.c.must(t, 204, "PUT", w.a+"/messages", m)
	if got := decodeJSON[store.Chase](t, w.c.must(t, 200, "GET", w.a+"/chase", nil)).Messages; got != m {
		t.Errorf("messages %+v, want %+v", got, m)
	}
	st, body := w.c.do(t, "PUT", w.a+"/messages", store.Messages{ES: "a\x07b"})
	if st != 400 || errCode(body) != "invalid_es" {
		t.Errorf("a bell in a message = %d %s, want 400 invalid_es", st, body)
	}
}
