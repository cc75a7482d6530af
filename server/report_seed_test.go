package server

import (
	"database/sql"
	"fmt"
	"net/url"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"
)

// seedTurnout records, through the real API, an action with scans at two
// doors, undone scans, a walk-in, headcounts (one undone), paper check-ins
// of a roster leader and of a new one, a hostile name that stays home, and
// some turnout at the other action that must not leak into this one.
func seedTurnout(t *testing.T, ts *testServer, f fixture, c *console) {
	t.Helper()
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	scan := func(token, id, code string, want int) {
		t.Helper()
		if st, body := ts.call(t, "POST", a+"/checkins", token, map[string]string{"id": id, "code": code}); st != want {
			t.Fatalf("scan %s = %d %s, want %d", id, st, body, want)
		}
	}
	san, centro, sind := f.Codes["Iglesia San José"], f.Codes["Centro El Puente"], f.Codes["Sindicato Local 12"]
	for i, code := range san[:4] {
		scan(f.Door, fmt.Sprintf("scan-san-%d", i), code, 201)
	}
	scan(f.Door2, "scan-san-again", san[0], 200) // already checked in: counts nothing
	scan(f.Door2, "scan-centro-0", centro[0], 201)
	scan(f.Door2, "scan-sind-0", sind[0], 201)
	scan(f.Door2, "scan-sind-1", sind[1], 201)
	callWant(t, ts, 200, "POST", a+"/checkins/scan-san-3/undo", f.Door, nil)
	callWant(t, ts, 200, "POST", a+"/checkins/scan-sind-1/undo", f.Door2, nil)
	callWant(t, ts, 201, "POST", a+"/walkins", f.Door, map[string]any{"id": "walkin-0001", "name": "Rosa Walk",
		"institution": f.Institutions["Centro El Puente"]})
	callWant(t, ts, 201, "POST", a+"/headcounts", f.Door, map[string]any{"id": "bus-00001",
		"institution": f.Institutions["Sindicato Local 12"], "count": 48, "note": "autobús"})
	callWant(t, ts, 201, "POST", a+"/headcounts", f.Door2, map[string]any{"id": "bus-00002",
		"institution": f.Institutions["Centro El Puente"], "count": 9})
	callWant(t, ts, 200, "POST", a+"/headcounts/bus-00002/undo", f.Door2, nil)
	sheet := time.Now().Add(-100 * time.Hour).UTC().Truncate(time.Minute)
	c.must(t, 201, "POST", a+"/paper", map[string]any{"id": "paper-0001", "code": centro[1], "at": sheet})
	c.must(t, 201, "POST", a+"/paper/leaders", map[string]any{"id": "paper-0002", "name": "Nuevo En Papel",
		"institution": f.Institutions["Sindicato Local 12"], "phone": "919-555-0123", "at": sheet})
	c.must(t, 201, "POST", "/api/leaders", map[string]any{"name": "=HYPERLINK(\"http://evil\")",
		"institution": f.Institutions["Iglesia San José"], "phone": "+1 919 555 0000"})
	o := fmt.Sprintf("/api/actions/%d", f.Other)
	if st, body := ts.call(t, "POST", o+"/checkins", f.OtherDoor, map[string]string{"id": "other-0001", "code": san[4]}); st != 201 {
		t.Fatalf("scan at the other action = %d %s", st, body)
	}
	c.must(t, 204, "PUT", o+"/commitments", []map[string]any{{"institution": f.Institutions["Iglesia San José"], "number": 3}})
}

func callWant(t *testing.T, ts *testServer, want int, method, path, token string, body any) []byte {
	t.Helper()
	st, out := ts.call(t, method, path, token, body)
	if st != want {
		t.Fatalf("%s %s = %d %s, want %d", method, path, st, out, want)
	}
	return out
}

// reportDB opens the server's database file for the test's own SQL.
func reportDB(t *testing.T, ts *testServer) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: ts.Store().Path()}).EscapedPath()+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func reportSQLInt(t *testing.T, db *sql.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}
