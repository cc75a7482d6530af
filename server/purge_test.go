package server

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"presente/server/live"
	"presente/server/store"
)

// purgeNumbers is everything countable about an action: none of it may change
// when its personal data is purged.
type purgeNumbers struct {
	Counts   map[int64]int // institution -> present, as Counts gives it
	Tally    []live.Chapter
	Total    int
	Report   []store.ReportRow
	Arrivals []store.Bucket
	History  []store.HistorySeries
}

func actionNumbers(t *testing.T, ts *testServer, action int64) purgeNumbers {
	t.Helper()
	ctx := context.Background()
	n := purgeNumbers{Counts: map[int64]int{}}
	counts, err := ts.Store().Counts(ctx, action)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range counts {
		n.Counts[c.Institution.ID] = c.CheckedIn + c.Headcount
	}
	snap, _ := ts.tally.Snapshot(action)
	n.Tally, n.Total = snap.Chapters, snap.Total
	rep, err := ts.Store().ActionReport(ctx, action)
	if err != nil {
		t.Fatal(err)
	}
	n.Report = rep.Institutions
	if n.Arrivals, err = ts.Store().Arrivals(ctx, action, time.Minute); err != nil {
		t.Fatal(err)
	}
	h, err := ts.Store().History(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n.History = h.Institutions
	return n
}

func TestPurgeKeepsCountsAndRemovesNames(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	c := signInConsole(t, ts, f)
	seedTurnout(t, ts, f, c)
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	before := actionNumbers(t, ts, f.Action)
	roster := rosterDump(t, ts)
	if st, body := c.do(t, "POST", a+"/purge", map[string]bool{"confirm": false}); st != 400 {
		t.Fatalf("purge without confirmation = %d %s, want 400", st, body)
	}

	res := decodeJSON[store.PurgeResult](t, c.must(t, 200, "POST", a+"/purge", map[string]bool{"confirm": true}))
	if res.CheckIns != 10 {
		t.Errorf("purge removed %d check-ins, want the 10 recorded (2 of them undone)", res.CheckIns)
	}
	if after := actionNumbers(t, ts, f.Action); !reflect.DeepEqual(after, before) {
		t.Errorf("numbers changed by the purge:\n got %+v\nwant %+v", after, before)
	}
	checkNoNames(t, ts, c, f)
	if got := rosterDump(t, ts); got != roster {
		t.Errorf("the purge changed the roster")
	}
	// A replayed paper entry answers without counting anyone again.
	c.must(t, 200, "POST", a+"/paper", map[string]any{"id": "paper-0001", "code": f.Codes["Centro El Puente"][1]})
	if st, body := ts.call(t, "POST", a+"/checkins", f.Door, map[string]string{"id": "scan-late", "code": f.Codes["Iglesia San José"][4]}); st != 401 || errCode(body) != "door_revoked" {
		t.Errorf("a door after the purge: %d %s, want 401 door_revoked", st, body)
	}
	if other := reportSQLInt(t, reportDB(t, ts), `SELECT count(*) FROM checkins WHERE action_id = ?`, f.Other); other != 1 {
		t.Errorf("the other action has %d check-ins left, want its 1", other)
	}

	ts.stop(t)
	ts = startTestServer(t, ts.Dir)
	if after := actionNumbers(t, ts, f.Action); !reflect.DeepEqual(after, before) {
		t.Errorf("numbers after a restart differ:\n got %+v\nwant %+v", after, before)
	}
}

// checkNoNames looks in every place a leader could still be tied to the action.
func checkNoNames(t *testing.T, ts *testServer, c *console, f fixture) {
	t.Helper()
	db := reportDB(t, ts)
	for _, q := range []string{
		`SELECT count(*) FROM checkins WHERE action_id = ?`,
		`SELECT count(*) FROM walkins WHERE action_id = ?`,
		`SELECT count(*) FROM replies WHERE action_id = ? AND (body LIKE '%Líder%' OR body LIKE '%Rosa%' OR body LIKE '%Papel%')`,
	} {
		if n := reportSQLInt(t, db, q, f.Action); n != 0 {
			t.Errorf("%s = %d after the purge, want 0", q, n)
		}
	}
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	fu := decodeJSON[store.FollowUp](t, c.must(t, 200, "GET", a+"/followup", nil))
	if fu.PurgedAt == nil || len(fu.Institutions) != 0 {
		t.Errorf("follow-up after the purge: %+v, want purged and no names", fu)
	}
	if rows := readReportCSV(t, c.must(t, 200, "GET", a+"/attendance.csv", nil)); len(rows) != 1 {
		t.Errorf("attendance after the purge: %q, want only the header", rows)
	}
	roster := string(c.must(t, 200, "GET", a+"/roster", nil))
	if strings.Contains(roster, "checked_in_at") {
		t.Errorf("the door roster still says who came: %s", roster)
	}
}
