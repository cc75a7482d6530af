package server

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"testing"

	"presente/server/live"
	"presente/server/store"
)

// firstWorld is the fixture with an earlier action and a door at each: the
// history first-timers are counted against.
type firstWorld struct {
	ts                 *testServer
	f                  fixture
	before             int64 // an action months before f.Action
	beforeDoor         string
	san, centro, sind  []string
	sanID, centroID, s int64
}

func newFirstWorld(t *testing.T) *firstWorld {
	t.Helper()
	ts := newTestServer(t)
	f := ts.seed(t)
	ctx := context.Background()
	before := must(store.Action{}, "action")(ts.Store().CreateAction(ctx, store.Action{Name: "Antes", Date: "2026-06-01"}))
	w := &firstWorld{ts: ts, f: f, before: before.ID, beforeDoor: doorToken(ts.Store().CreateDoor(ctx, before.ID, "Puerta antes")),
		san: f.Codes["Iglesia San José"], centro: f.Codes["Centro El Puente"], sind: f.Codes["Sindicato Local 12"],
		sanID: f.Institutions["Iglesia San José"], centroID: f.Institutions["Centro El Puente"], s: f.Institutions["Sindicato Local 12"]}
	return w
}

// scan checks code in at action through its door, with a client id of its
// own per action.
func (w *firstWorld) scan(t *testing.T, action int64, code string) {
	t.Helper()
	door := w.f.Door
	if action == w.before {
		door = w.beforeDoor
	}
	callWant(t, w.ts, 201, "POST", fmt.Sprintf("/api/actions/%d/checkins", action), door,
		map[string]string{"id": fmt.Sprintf("a%d-%s", action, code), "code": code})
}

func (w *firstWorld) undo(t *testing.T, action int64, code string) {
	t.Helper()
	door := w.f.Door
	if action == w.before {
		door = w.beforeDoor
	}
	callWant(t, w.ts, 200, "POST", fmt.Sprintf("/api/actions/%d/checkins/a%d-%s/undo", action, action, code), door, nil)
}

// sqlFirstTimes is the test's own count of first-timers per institution at
// an action, written apart from the store's: a check-in in force with no
// earlier presence in force, nor one a purge kept at this action or before,
// plus what a purge froze.
func sqlFirstTimes(t *testing.T, db *sql.DB, action int64) map[int64]int {
	t.Helper()
	out := map[int64]int{}
	rows, err := db.Query(`SELECT inst, sum(n) FROM (
		SELECT k.institution_id AS inst, count(*) AS n FROM checkins k JOIN actions a ON a.id = k.action_id
		WHERE k.action_id = ?1 AND k.undone_at IS NULL
		AND NOT EXISTS (SELECT 1 FROM checkins e JOIN actions ea ON ea.id = e.action_id
			WHERE e.leader_id = k.leader_id AND e.undone_at IS NULL
			AND (ea.date < a.date OR (ea.date = a.date AND ea.id < a.id)))
		AND NOT EXISTS (SELECT 1 FROM purged_firsts p JOIN actions pa ON pa.id = p.action_id
			WHERE p.leader_id = k.leader_id AND (pa.date < a.date OR (pa.date = a.date AND pa.id <= a.id)))
		GROUP BY k.institution_id
		UNION ALL SELECT institution_id, first_time FROM purged_counts WHERE action_id = ?1)
		GROUP BY inst HAVING sum(n) > 0`, action)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var inst int64
		var n int
		if err := rows.Scan(&inst, &n); err != nil {
			t.Fatal(err)
		}
		out[inst] = n
	}
	return out
}

// liveFirstTimes reads first-timers per institution from the live tally,
// checking that chapters and the total add up.
func liveFirstTimes(t *testing.T, c *console, action int64) map[int64]int {
	t.Helper()
	snap := decodeJSON[live.Snapshot](t, c.must(t, 200, "GET", fmt.Sprintf("/api/actions/%d/turnout", action), nil))
	out, total := map[int64]int{}, 0
	for _, ch := range snap.Chapters {
		sum := 0
		for _, in := range ch.Institutions {
			if in.FirstTime != 0 {
				out[in.ID] = in.FirstTime
			}
			sum += in.FirstTime
		}
		if sum != ch.FirstTime {
			t.Errorf("chapter %s: first_time %d, its institutions add to %d", ch.Name, ch.FirstTime, sum)
		}
		total += sum
	}
	if total != snap.FirstTime {
		t.Errorf("turnout first_time %d, chapters add to %d", snap.FirstTime, total)
	}
	return out
}

// agree checks the live tally, the report and the history against the
// test's SQL and against numbers worked out by hand, at both actions.
func (w *firstWorld) agree(t *testing.T, c *console, byHand map[int64]map[int64]int) {
	t.Helper()
	db := reportDB(t, w.ts)
	h := decodeJSON[store.History](t, c.must(t, 200, "GET", "/api/history", nil))
	for _, action := range []int64{w.before, w.f.Action} {
		want := sqlFirstTimes(t, db, action)
		if !maps.Equal(want, byHand[action]) {
			t.Errorf("action %d: SQL counts first-timers %v, by hand %v", action, want, byHand[action])
		}
		if got := liveFirstTimes(t, c, action); !maps.Equal(got, want) {
			t.Errorf("action %d: live first-timers %v, SQL %v", action, got, want)
		}
		rep := decodeJSON[struct{ Report store.ActionReport }](t,
			c.must(t, 200, "GET", fmt.Sprintf("/api/actions/%d/report", action), nil)).Report
		got := map[int64]int{}
		for _, row := range rep.Institutions {
			if row.FirstTime != 0 {
				got[row.Institution.ID] = row.FirstTime
			}
		}
		if !maps.Equal(got, want) {
			t.Errorf("action %d: report first-timers %v, SQL %v", action, got, want)
		}
		checkHistoryFirsts(t, h, action, want)
	}
}

func checkHistoryFirsts(t *testing.T, h store.History, action int64, want map[int64]int) {
	t.Helper()
	for i, a := range h.Actions {
		if a.ID != action {
			continue
		}
		got := map[int64]int{}
		for _, in := range h.Institutions {
			if n := in.Points[i].FirstTime; n != 0 {
				got[in.ID] = n
			}
		}
		if !maps.Equal(got, want) {
			t.Errorf("history of action %d: first-timers %v, SQL %v", action, got, want)
		}
	}
}

// TestFirstTimersEqualSQL: a leader present at an earlier action is not a
// first-timer; an undone check-in makes no first time, neither where it was
// undone nor later; a walk-in is one, a headcount makes none; a check-in
// entered afterwards at an earlier action moves the first time there; and
// purging either action, then restarting, keeps every number; a leader the
// purge counted, entered again afterwards, is not counted twice.
func TestFirstTimersEqualSQL(t *testing.T) {
	w := newFirstWorld(t)
	c := signInConsole(t, w.ts, w.f)
	a := fmt.Sprintf("/api/actions/%d", w.f.Action)
	w.scan(t, w.before, w.san[0])
	w.scan(t, w.before, w.centro[0])
	w.undo(t, w.before, w.centro[0])
	for _, code := range []string{w.san[0], w.san[1], w.centro[0], w.sind[0]} {
		w.scan(t, w.f.Action, code)
	}
	w.undo(t, w.f.Action, w.sind[0])
	callWant(t, w.ts, 201, "POST", a+"/walkins", w.f.Door, map[string]any{"id": "walkin-first-1",
		"name": "Nueva Persona", "institution": w.s})
	callWant(t, w.ts, 201, "POST", a+"/headcounts", w.f.Door, map[string]any{"id": "bus-first-1",
		"institution": w.s, "count": 10})
	w.agree(t, c, map[int64]map[int64]int{
		w.before:   {w.sanID: 1},
		w.f.Action: {w.sanID: 1, w.centroID: 1, w.s: 1},
	})

	w.scan(t, w.before, w.san[1]) // a sheet entered late: San José's second leader came before
	byHand := map[int64]map[int64]int{
		w.before:   {w.sanID: 2},
		w.f.Action: {w.centroID: 1, w.s: 1},
	}
	w.agree(t, c, byHand)

	c.must(t, 200, "POST", fmt.Sprintf("/api/actions/%d/purge", w.before), map[string]bool{"confirm": true})
	w.agree(t, c, byHand)
	// Entered again after the purge, a leader the purge counted is no first-timer twice.
	c.must(t, 201, "POST", fmt.Sprintf("/api/actions/%d/paper", w.before), map[string]any{"id": "paper-again-1", "code": w.san[0]})
	w.agree(t, c, byHand)
	w.ts = restartServer(t, w.ts, nil)
	w.agree(t, c, byHand)
	c.must(t, 200, "POST", a+"/purge", map[string]bool{"confirm": true})
	w.agree(t, c, byHand)
	w.ts = restartServer(t, w.ts, nil)
	w.agree(t, c, byHand)
}

// TestLiveFirstTimeOnWebSocket: a first-timer's check-in is one change that
// carries both counts; a check-in at an earlier action moves the first time
// away from the watched action, and its undo moves it back, each as a
// change of its own.
func TestLiveFirstTimeOnWebSocket(t *testing.T) {
	w := newFirstWorld(t)
	dash := dialLive(t, w.ts, w.f.Action, w.f.Display)
	next := func(kind string, present, firstDelta, first int) {
		t.Helper()
		var m live.Change
		if err := dash.next(t, &m); err != nil {
			t.Fatal(err)
		}
		dash.snap.Seq++
		if m.Seq != dash.snap.Seq || m.Kind != kind || m.Institution != w.sanID || m.InstitutionPresent != present ||
			m.FirstDelta != firstDelta || m.InstitutionFirstTime != first || m.ChapterFirstTime != first || m.FirstTime != first {
			t.Errorf("change %+v, want seq %d %s: present %d, first-timers %+d to %d", m, dash.snap.Seq, kind,
				present, firstDelta, first)
		}
	}
	w.scan(t, w.f.Action, w.san[0])
	next("checkin", 1, 1, 1)
	w.scan(t, w.f.Action, w.san[1])
	next("checkin", 2, 1, 2)
	w.scan(t, w.before, w.san[0])
	next("first_time", 2, -1, 1)
	w.undo(t, w.before, w.san[0])
	next("first_time", 2, 1, 2)
	w.undo(t, w.f.Action, w.san[1])
	next("undo", 1, -1, 1)
}
