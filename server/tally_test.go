package server

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"presente/server/store"
)

// sqlPresent computes each institution's delegation straight from the raw
// tables, independently of the store's own queries.
func sqlPresent(tb testing.TB, dir string, action int64) map[int64]int {
	tb.Helper()
	db := openDB(tb, filepath.Join(dir, "presente.db"), true)
	defer db.Close()
	rows, err := db.Query(`SELECT institution_id, count(DISTINCT leader_id), 0 FROM checkins
		WHERE action_id = ?1 AND undone_at IS NULL GROUP BY institution_id
		UNION ALL SELECT institution_id, 0, sum(count) FROM headcounts
		WHERE action_id = ?1 AND undone_at IS NULL GROUP BY institution_id`, action)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var inst int64
		var leaders, heads int
		if err := rows.Scan(&inst, &leaders, &heads); err != nil {
			tb.Fatal(err)
		}
		out[inst] += leaders + heads
	}
	return out
}

func tallyPresent(ts *testServer, action int64) (map[int64]int, int) {
	snap, _ := ts.tally.Snapshot(action)
	out := map[int64]int{}
	for _, ch := range snap.Chapters {
		for _, in := range ch.Institutions {
			if in.Present != 0 {
				out[in.ID] = in.Present
			}
		}
	}
	return out, snap.Total
}

func TestTallyRebuiltAtStartEqualsSQL(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ctx := context.Background()
	st := ts.Store()
	i := 0
	for inst, codes := range f.Codes {
		for _, code := range codes {
			i++
			st.CheckIn(ctx, store.CheckIn{ID: fmt.Sprintf("rb-%06d", i), Action: f.Action, Code: code})
		}
		st.AddHeadcount(ctx, store.Headcount{ID: "hc-" + fmt.Sprint(f.Institutions[inst]) + "-abcdef", Action: f.Action,
			Institution: f.Institutions[inst], Count: 10 + i})
	}
	st.UndoCheckIn(ctx, f.Action, "rb-000002", store.Actor{})
	st.AddWalkIn(ctx, store.WalkIn{ID: "walk-000001", Action: f.Action, Name: "Rosa", Institution: f.Institutions["Centro El Puente"]})
	live, liveTotal := tallyPresent(ts, f.Action)
	ts.stop(t)
	again := startTestServer(t, ts.Dir)
	rebuilt, total := tallyPresent(again, f.Action)
	want := sqlPresent(t, ts.Dir, f.Action)
	sum := 0
	for inst, n := range want {
		sum += n
		if rebuilt[inst] != n || live[inst] != n {
			t.Errorf("institution %d: rebuilt %d, live before restart %d, SQL %d", inst, rebuilt[inst], live[inst], n)
		}
	}
	if total != sum || liveTotal != sum || len(rebuilt) != len(want) {
		t.Errorf("totals: rebuilt %d, live %d, SQL %d", total, liveTotal, sum)
	}
}
