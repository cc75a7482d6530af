package server

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"presente/server/store"
)

// FuzzRosterImport sends any bytes as a roster file to the real app, as the
// signed-in organizer's console does: a preview, then a confirmation with a
// hash no preview gave. Whatever the file, the answer is JSON and never a
// 500 (a panic in a handler is one), and nothing is written: the database
// sees no commit and keeps its rows.
//
//	go test -run '^$' -fuzz '^FuzzRosterImport$' -fuzztime 20s ./server/
//
// The seed corpus is testdata/fuzz/FuzzRosterImport; a plain go test runs it.
func FuzzRosterImport(f *testing.F) {
	imp := newImportApp(f)
	f.Add([]byte("nombre,apellido,institución,capítulo\nJosé,Pérez,Iglesia San José,Durham\n"), true)
	f.Fuzz(func(t *testing.T, file []byte, create bool) {
		before := imp.state(t)
		q := url.Values{"create": {fmt.Sprint(create)}}
		status, body := imp.post(t, "/api/imports/roster?"+q.Encode(), file)
		checkImportAnswer(t, "preview", status, body, http.StatusOK, http.StatusBadRequest)
		if status == http.StatusOK {
			checkImportPlan(t, body)
		}
		if after := imp.state(t); after != before {
			t.Fatalf("a preview wrote: %+v before, %+v after", before, after)
		}
		q.Set("confirm", "not-a-preview-hash")
		status, body = imp.post(t, "/api/imports/roster?"+q.Encode(), file)
		checkImportAnswer(t, "confirm", status, body, http.StatusConflict, http.StatusBadRequest)
		if after := imp.state(t); after.rows != before.rows {
			t.Fatalf("a refused import wrote: %+v before, %+v after", before, after)
		}
	})
}

// checkImportAnswer fails unless the status is one of want and the body
// JSON; an error carries a stable code.
func checkImportAnswer(t *testing.T, what string, status int, body []byte, want ...int) {
	t.Helper()
	ok := false
	for _, w := range want {
		ok = ok || status == w
	}
	if !ok || !json.Valid(body) {
		t.Fatalf("%s = %d %.300s; want one of %v with JSON", what, status, body, want)
	}
	if status >= 400 && status != http.StatusConflict {
		var e struct{ Error struct{ Code string } }
		json.Unmarshal(body, &e)
		if !strings.HasPrefix(e.Error.Code, "invalid_") {
			t.Fatalf("%s = %d with code %q; want invalid_…: %.300s", what, status, e.Error.Code, body)
		}
	}
}

// checkImportPlan checks that a preview accounts for every row it shows.
func checkImportPlan(t *testing.T, body []byte) {
	t.Helper()
	var p store.RosterPlan
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatalf("preview: %v", err)
	}
	if p.Add+p.Update+p.Same+p.Refused != len(p.Rows) || p.Hash == "" {
		t.Fatalf("preview counts %d+%d+%d+%d rows of %d, hash %q", p.Add, p.Update, p.Same, p.Refused, len(p.Rows), p.Hash)
	}
}

// importApp is the real server on 127.0.0.1 over a small roster, with a
// signed-in organizer, and its own connection to the database file to watch
// it. (The app's Test method would do without the listener, but its
// requests come from no address and the per-address limit stops them.)
type importApp struct {
	org   *console
	watch *sql.Conn
}

// importDBState is what a write would change: every roster row and SQLite's
// count of commits made by other connections.
type importDBState struct {
	rows    string
	version int64
}

func newImportApp(f *testing.F) *importApp {
	f.Helper()
	ts := newTestServer(f)
	seedImportRoster(f, ts.Store())
	imp := &importApp{org: signInConsole(f, ts, fixture{Organizer: "ana", Password: "correct horse battery"})}
	var err error
	if imp.watch, err = openDB(f, ts.Store().Path(), true).Conn(context.Background()); err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { imp.watch.Close() })
	return imp
}

// seedImportRoster is a roster a file can match by name, phone and email.
func seedImportRoster(f *testing.F, st *store.Store) {
	f.Helper()
	ctx := context.Background()
	for _, ch := range []struct{ name, inst, leader, phone, email string }{
		{"Durham", "Iglesia San José", "José Pérez", "919-555-0101", "jose@example.org"},
		{"Raleigh", "Sindicato Local 12", "María López", "+1 (919) 555-0102", ""},
	} {
		c, err := st.CreateChapter(ctx, ch.name)
		if err != nil {
			f.Fatal(err)
		}
		in, err := st.CreateInstitution(ctx, c.ID, ch.inst, "")
		if err != nil {
			f.Fatal(err)
		}
		if _, err := st.AddLeaders(ctx, []store.NewLeader{{Name: ch.leader, Institution: in.ID, Phone: ch.phone, Email: ch.email}}); err != nil {
			f.Fatal(err)
		}
	}
	if _, err := st.CreateOrganizer(ctx, "ana", "correct horse battery"); err != nil {
		f.Fatal(err)
	}
}

// post sends file as the body, as the console's upload does.
func (imp *importApp) post(t *testing.T, path string, file []byte) (int, []byte) {
	t.Helper()
	return imp.org.do(t, "POST", path, file)
}

func (imp *importApp) state(t *testing.T) importDBState {
	t.Helper()
	var s importDBState
	ctx := context.Background()
	err := imp.watch.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM chapters) || '/' || (SELECT count(*) FROM institutions)
		|| '/' || (SELECT count(*) FROM leaders) || '/' || (SELECT count(*) FROM badge_codes)
		|| '/' || (SELECT group_concat(name || phone || email || language || institution_id, '|') FROM leaders)`).Scan(&s.rows)
	if err == nil {
		err = imp.watch.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&s.version)
	}
	if err != nil {
		t.Fatalf("read the database: %v", err)
	}
	return s
}
