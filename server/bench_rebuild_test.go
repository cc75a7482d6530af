package server

import (
	"context"
	"fmt"
	"testing"
	"time"

	"presente/server/store"
)

// BenchmarkTallyRebuild100k measures the start-up rebuild of the live tally
// with 100,000 check-ins on file, against a baseline measured in the same
// run: one plain scan of every check-in row.
func BenchmarkTallyRebuild100k(b *testing.B) {
	ts := newTestServer(b)
	f := ts.seed(b)
	seedCheckIns(b, ts.Store(), f, 100_000)
	ctx := context.Background()
	db := benchReadDB(b, ts.Store().Path())
	if err := db.PingContext(ctx); err != nil {
		b.Fatal(err)
	}
	var scan, rebuild time.Duration
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		n, err := benchScan(ctx, db)
		if err != nil || n != 100_000 {
			b.Fatalf("scan: %d rows, %v", n, err)
		}
		scan += time.Since(start)
		start = time.Now()
		if err := ts.loadAll(ctx); err != nil {
			b.Fatal(err)
		}
		rebuild += time.Since(start)
	}
	if snap, _ := ts.tally.Snapshot(f.Action); snap.Total != 100_000 {
		b.Fatalf("rebuilt total = %d, want 100000", snap.Total)
	}
	b.ReportMetric(float64(rebuild.Milliseconds())/float64(b.N), "rebuild-ms")
	b.ReportMetric(float64(scan.Milliseconds())/float64(b.N), "scan-ms")
	b.ReportMetric(float64(rebuild)/float64(scan), "x-scan")
}

// seedCheckIns adds n leaders to the fixture's first institution and checks
// every one of them in, through the store's real write path.
func seedCheckIns(tb testing.TB, st *store.Store, f fixture, n int) {
	tb.Helper()
	ctx := context.Background()
	insts := []int64{}
	for _, id := range f.Institutions {
		insts = append(insts, id)
	}
	for done := 0; done < n; done += 5000 {
		nl := make([]store.NewLeader, 5000)
		for i := range nl {
			nl[i] = store.NewLeader{Name: fmt.Sprintf("Persona %d", done+i), Institution: insts[i%len(insts)]}
		}
		leaders, err := st.AddLeaders(ctx, nl)
		if err != nil {
			tb.Fatal(err)
		}
		ins := make([]store.CheckIn, len(leaders))
		for i, l := range leaders {
			ins[i] = store.CheckIn{ID: fmt.Sprintf("seed-%08d", done+i), Action: f.Action, Code: l.Code}
		}
		if _, errs := st.CheckInMany(ctx, ins); errs[0] != nil {
			tb.Fatal(errs[0])
		}
	}
}
