package server

import (
	"context"
	"testing"
	"time"
)

const (
	figStartup     = "start-up with 100,000 check-ins on file"
	startupCheckIn = 100_000
)

// benchStartup times a server start on a database holding 100,000
// check-ins: opening the store and rebuilding the live tally from SQL,
// against one plain scan of every check-in row.
func benchStartup(t *testing.T, rep *benchReport) {
	dir := t.TempDir()
	ts := startTestServer(t, dir)
	f := ts.seed(t)
	benchLeaders(t, ts.Store().Path(), institutionIDs(f), startupCheckIn, f.Action)
	ts.stop(t)

	start := time.Now()
	srv, err := New(context.Background(), Config{DataDir: dir})
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown(context.Background())
	if err := srv.Store().Ready(context.Background()); err != nil {
		t.Fatal(err)
	}
	ready := time.Since(start)
	snap, _ := srv.tally.Snapshot(f.Action)
	db := benchReadDB(t, srv.Store().Path())
	if err := db.PingContext(t.Context()); err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	rows, err := benchScan(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	scan := time.Since(start)
	rep.Add(benchFigure(figStartup, "serving: tally and arrivals rebuilt", "ms", benchMs(took)).
		Against(benchMs(scan)).AtMost(1000).
		Holds("the tally holds every check-in", snap.Total == startupCheckIn).
		Noted("baseline: one plain scan of the %d check-in rows; the start includes opening the store and its migrations; tally total %d",
			rows, snap.Total),
		benchFigure(figStartup, "check-ins answered: the writer's index built", "ms", benchMs(ready)).
			Against(benchMs(scan)).AtMost(1000).
			Noted("from the same start: the writer builds its index of the %d leaders, their badge codes, who is checked in and the ids of stored answers while the tally is rebuilt; check-ins sent meanwhile wait for it",
				startupCheckIn))
}
