package server

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
	url          string
	client       *http.Client
	cookie, csrf string
	watch        *sql.Conn
}

// importDBState is what a write would change: every roster row and SQLite's
// count of commits made by other connections.
type importDBState struct {
	rows    string
	version int64
}

func newImportApp(f *testing.F) *importApp {
	f.Helper()
	ctx := context.Background()
	dir := f.TempDir()
	srv, err := New(ctx, Config{DataDir: dir})
	if err != nil {
		f.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		f.Fatal(err)
	}
	go srv.Serve(ln)
	f.Cleanup(func() { srv.Shutdown(context.Background()) })
	seedImportRoster(f, srv.Store())
	imp := &importApp{url: "http://" + ln.Addr().String(), client: &http.Client{Timeout: time.Minute}}
	imp.signIn(f)
	path := filepath.Join(dir, "presente.db")
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&_busy_timeout=10000")
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	if imp.watch, err = db.Conn(ctx); err != nil {
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

func (imp *importApp) signIn(f *testing.F) {
	f.Helper()
	resp, err := imp.client.Post(imp.url+"/api/session", "application/json",
		strings.NewReader(`{"name":"ana","password":"correct horse battery"}`))
	if err != nil || resp.StatusCode != http.StatusOK {
		f.Fatalf("sign in: %v %v", resp, err)
	}
	defer resp.Body.Close()
	var me struct{ CSRF string }
	json.NewDecoder(resp.Body).Decode(&me)
	for _, c := range resp.Cookies() {
		if c.Name == SessionCookie {
			imp.cookie, imp.csrf = c.Value, me.CSRF
		}
	}
	if imp.cookie == "" || imp.csrf == "" {
		f.Fatal("sign in: no session cookie or CSRF token")
	}
}

// post sends file as the body, as the console's upload does.
func (imp *importApp) post(t *testing.T, path string, file []byte) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest("POST", imp.url+path, bytes.NewReader(file))
	req.Header.Set("Content-Type", "text/csv")
	req.Header.Set("X-CSRF-Token", imp.csrf)
	req.AddCookie(&http.Cookie{Name: SessionCookie, Value: imp.cookie})
	resp, err := imp.client.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("POST %s: read the answer: %v", path, err)
	}
	return resp.StatusCode, out
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
