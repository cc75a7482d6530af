package server

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"presente/server/store"
)

// TestReportNumbersEqualSQL checks every number of the action report, the
// follow-up list and the history against the test's own SQL over the raw
// tables, and against figures worked out by hand.
func TestReportNumbersEqualSQL(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	c := signInConsole(t, ts, f)
	seedTurnout(t, ts, f, c)
	db := reportDB(t, ts)
	a := fmt.Sprintf("/api/actions/%d", f.Action)

	rep := decodeJSON[struct{ Report store.ActionReport }](t, c.must(t, 200, "GET", a+"/report", nil)).Report
	for _, row := range rep.Institutions {
		if got, want := row, sqlReportRow(t, db, f.Action, row); !reflect.DeepEqual(got, want) {
			t.Errorf("report row\n got %+v\nwant %+v", got, want)
		}
	}
	byHand := map[string][5]int{ // scanned, paper, walk-ins, headcounts, present
		"Iglesia San José": {3, 0, 0, 0, 3}, "Centro El Puente": {1, 1, 1, 0, 3}, "Sindicato Local 12": {1, 1, 0, 48, 50},
	}
	for _, row := range rep.Institutions {
		if got := [5]int{row.Scanned, row.Paper, row.WalkIns, row.Headcounts, row.Present}; got != byHand[row.Institution.Name] {
			t.Errorf("%s: %v, worked out by hand %v", row.Institution.Name, got, byHand[row.Institution.Name])
		}
	}
	snap, _ := ts.tally.Snapshot(f.Action)
	if rep.Total.Present != 56 || rep.Total.Present != snap.Total || rep.Total.Committed != snap.Committed {
		t.Errorf("total %+v; want 56 present, as the live tally says: %d of %d", rep.Total, snap.Total, snap.Committed)
	}
	checkFollowUp(t, c, db, f)
	checkHistory(t, c, db)
}

// sqlReportRow is what the report must say of an institution, from raw SQL.
func sqlReportRow(t *testing.T, db *sql.DB, action int64, row store.ReportRow) store.ReportRow {
	t.Helper()
	inst := row.Institution.ID
	count := func(sources string) int {
		return reportSQLInt(t, db, `SELECT count(*) FROM checkins WHERE action_id = ? AND institution_id = ?
			AND undone_at IS NULL AND source IN (`+sources+`)`, action, inst)
	}
	want := row
	want.Committed = reportSQLInt(t, db, `SELECT coalesce(max(number), 0) FROM commitments WHERE action_id = ? AND institution_id = ?`, action, inst)
	want.Scanned, want.Paper, want.WalkIns = count(`'scan'`), count(`'paper', 'console'`), count(`'walk_in'`)
	want.Headcounts = reportSQLInt(t, db, `SELECT coalesce(sum(count), 0) FROM headcounts WHERE action_id = ? AND institution_id = ?
		AND undone_at IS NULL`, action, inst)
	want.Present = reportSQLInt(t, db, `SELECT (SELECT count(*) FROM checkins WHERE action_id = ?1 AND institution_id = ?2 AND undone_at IS NULL)
		+ (SELECT coalesce(sum(count), 0) FROM headcounts WHERE action_id = ?1 AND institution_id = ?2 AND undone_at IS NULL)`, action, inst)
	want.Percent = nil
	if want.Committed > 0 {
		p := reportSQLInt(t, db, `SELECT 100 * ? / ?`, want.Present, want.Committed) // rounded down
		want.Percent = &p
	}
	return want
}

func checkFollowUp(t *testing.T, c *console, db *sql.DB, f fixture) {
	t.Helper()
	fu := decodeJSON[store.FollowUp](t, c.must(t, 200, "GET", fmt.Sprintf("/api/actions/%d/followup", f.Action), nil))
	var got []int64
	for _, in := range fu.Institutions {
		for _, l := range in.Missing {
			got = append(got, l.ID)
		}
	}
	slices.Sort(got)
	rows, err := db.Query(`SELECT l.id FROM leaders l
		JOIN commitments m ON m.institution_id = l.institution_id AND m.action_id = ?1 AND m.number > 0
		LEFT JOIN checkins k ON k.leader_id = l.id AND k.action_id = ?1 AND k.undone_at IS NULL
		WHERE k.id IS NULL ORDER BY l.id`, f.Action)
	if err != nil {
		t.Fatal(err)
	}
	var want []int64
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		want = append(want, id)
	}
	rows.Close()
	if !reflect.DeepEqual(got, want) || len(got) != 7 {
		t.Errorf("follow-up leaders %v; SQL says %v, and by hand there are 7", got, want)
	}
}

func checkHistory(t *testing.T, c *console, db *sql.DB) {
	t.Helper()
	h := decodeJSON[store.History](t, c.must(t, 200, "GET", "/api/history", nil))
	for _, in := range h.Institutions {
		for i, p := range in.Points {
			a := h.Actions[i].ID
			present := reportSQLInt(t, db, `SELECT (SELECT count(*) FROM checkins WHERE action_id = ?1 AND institution_id = ?2 AND undone_at IS NULL)
				+ (SELECT coalesce(sum(count), 0) FROM headcounts WHERE action_id = ?1 AND institution_id = ?2 AND undone_at IS NULL)`, a, in.ID)
			committed := reportSQLInt(t, db, `SELECT coalesce(max(number), 0) FROM commitments WHERE action_id = ? AND institution_id = ?`, a, in.ID)
			if p.Present != present || p.Committed != committed {
				t.Errorf("history of %s at action %d: %d of %d; SQL says %d of %d", in.Name, a, p.Present, p.Committed, present, committed)
			}
		}
	}
	var total, want int
	for _, p := range h.Total.Points {
		total += p.Present
	}
	want = reportSQLInt(t, db, `SELECT (SELECT count(*) FROM checkins WHERE undone_at IS NULL) + (SELECT coalesce(sum(count), 0) FROM headcounts WHERE undone_at IS NULL)`)
	if total != want {
		t.Errorf("history totals add to %d, SQL says %d", total, want)
	}
}

// TestReportCSVDownloads reads the CSV files a spreadsheet would open.
func TestReportCSVDownloads(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	c := signInConsole(t, ts, f)
	seedTurnout(t, ts, f, c)
	a := fmt.Sprintf("/api/actions/%d", f.Action)

	follow := readReportCSV(t, c.must(t, 200, "GET", a+"/followup.csv", nil))
	if len(follow) != 8 || follow[0][2] != "Nombre" {
		t.Fatalf("follow-up CSV: %d rows, header %q; want 8 rows with a Spanish header", len(follow), follow[0])
	}
	joined := fmt.Sprint(follow)
	if !strings.Contains(joined, `'=HYPERLINK("http://evil")`) || !strings.Contains(joined, "'+1 919 555 0000") {
		t.Errorf("formula-looking cells are not neutralized: %q", follow)
	}
	if en := readReportCSV(t, c.must(t, 200, "GET", a+"/followup.csv?lang=en", nil)); en[0][2] != "Name" {
		t.Errorf("English header %q", en[0])
	}
	report := readReportCSV(t, c.must(t, 200, "GET", a+"/report.csv", nil))
	if last := report[len(report)-1]; last[0] != "Total" || last[7] != "56" {
		t.Errorf("report CSV last row %q, want the total with 56 present", last)
	}
	checkCredentialsInReport(t, ts, c, f)
	attendance := readReportCSV(t, c.must(t, 200, "GET", a+"/attendance.csv", nil))
	if len(attendance) != 1+8 {
		t.Errorf("attendance CSV has %d rows, want a header and 8 check-ins", len(attendance))
	}
	for _, by := range []string{"", "?by=institution"} {
		if h := readReportCSV(t, c.must(t, 200, "GET", "/api/history.csv"+by, nil)); len(h) < 3 {
			t.Errorf("history CSV%s: %q", by, h)
		}
	}
}

// checkCredentialsInReport closes the credentials and finds them, frozen,
// in the report and its CSV.
func checkCredentialsInReport(t *testing.T, ts *testServer, c *console, f fixture) {
	t.Helper()
	if _, err := ts.Store().CloseCredentials(context.Background(), f.Action, store.Actor{}, false); err != nil {
		t.Fatal(err)
	}
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	rep := decodeJSON[struct{ Credentials *store.Credentials }](t, c.must(t, 200, "GET", a+"/report", nil))
	if rep.Credentials == nil || !rep.Credentials.Closed || rep.Credentials.Delegation != 56 {
		t.Errorf("report credentials %+v, want closed with a delegation of 56", rep.Credentials)
	}
	rows := readReportCSV(t, c.must(t, 200, "GET", a+"/report.csv", nil))
	if last := rows[len(rows)-1]; last[0] != "Total" || last[3] != "56" {
		t.Errorf("report CSV ends with %q, want the credentials' total delegation 56", last)
	}
}

func readReportCSV(t *testing.T, body []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(body, []byte("\uFEFF")) {
		t.Errorf("CSV without a byte order mark: Excel would garble the accents")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\uFEFF")))).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("read CSV %q: %v", body, err)
	}
	return rows
}

func TestReportPaperKeepsTheSheetTime(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	c := signInConsole(t, ts, f)
	seedTurnout(t, ts, f, c)
	list, err := ts.Store().Attendance(context.Background(), f.Action)
	if err != nil {
		t.Fatal(err)
	}
	for _, at := range list {
		if at.Source == "paper" && time.Since(at.At) < 99*time.Hour {
			t.Errorf("%s: paper check-in at %s, want the sheet's time, 100 hours ago", at.Name, at.At)
		}
	}
}

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

// callWant is ts.call, failing the test unless the status is want.
func callWant(t *testing.T, ts *testServer, want int, method, path, token string, body any) []byte {
	t.Helper()
	st, out := ts.call(t, method, path, token, body)
	if st != want {
		t.Fatalf("%s %s = %d %s, want %d", method, path, st, out, want)
	}
	return out
}

// reportDB opens the server's database file, read-only, for the test's
// own SQL.
func reportDB(t *testing.T, ts *testServer) *sql.DB {
	t.Helper()
	return openDB(t, ts.Store().Path(), true)
}

// reportSQLInt runs a query that yields one integer.
func reportSQLInt(t *testing.T, db *sql.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}
