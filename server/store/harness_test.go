package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// world is a small seeded network for store tests.
type world struct {
	st      *Store
	action  int64
	inst    [2]int64 // two institutions, in one chapter
	codes   [2][]string
	door    [2]int64
	events  chan []Event
	chapter int64
}

// openTest opens an empty store in a file of its own; events receives what
// every commit hands to OnCommit.
func openTest(tb testing.TB) (*Store, chan []Event) {
	tb.Helper()
	events := make(chan []Event, 1000)
	st, err := Open(context.Background(), filepath.Join(tb.TempDir(), "test.db"),
		Options{OnCommit: func(e []Event) {
			select {
			case events <- e:
			default: // benchmarks commit more than anyone reads
			}
		}})
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { st.Close() })
	return st, events
}

// newWorld seeds a chapter, two institutions with four leaders each, an
// action with their commitments and two doors.
func newWorld(tb testing.TB) *world {
	tb.Helper()
	st, events := openTest(tb)
	ctx := context.Background()
	w := &world{st: st, events: events}
	ch, err := st.CreateChapter(ctx, "Durham")
	check(tb, err)
	w.chapter = ch.ID
	for i, name := range []string{"Iglesia San José", "Sindicato Local 12"} {
		in, err := st.CreateInstitution(ctx, ch.ID, name, "")
		check(tb, err)
		w.inst[i] = in.ID
		var nl []NewLeader
		for j := range 4 {
			nl = append(nl, NewLeader{Name: fmt.Sprintf("Líder %d", j), Institution: in.ID})
		}
		ls, err := st.AddLeaders(ctx, nl)
		check(tb, err)
		for _, l := range ls {
			w.codes[i] = append(w.codes[i], l.Code)
		}
	}
	a, err := st.CreateAction(ctx, Action{Name: "Asamblea", Date: "2026-12-12", Goal: 10})
	check(tb, err)
	w.action = a.ID
	check(tb, st.SetCommitments(ctx, a.ID, map[int64]int{w.inst[0]: 6, w.inst[1]: 3}))
	for i, name := range []string{"Puerta norte", "Puerta sur"} {
		d, _, err := st.CreateDoor(ctx, a.ID, name)
		check(tb, err)
		w.door[i] = d.ID
	}
	for len(events) > 0 { // start tests with no pending events
		<-events
	}
	return w
}

// check fails the test on an error.
func check(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// present is an institution's delegation as SQL computes it.
func (w *world) present(tb testing.TB, inst int64) int {
	tb.Helper()
	counts, err := w.st.Counts(context.Background(), w.action)
	check(tb, err)
	for _, c := range counts {
		if c.Institution.ID == inst {
			return c.CheckedIn + c.Headcount
		}
	}
	tb.Fatalf("institution %d not in counts", inst)
	return 0
}

// checkIn scans a badge code at the world's action from door 0 or 1.
func (w *world) checkIn(tb testing.TB, id, code string, door int) (CheckInResult, error) {
	tb.Helper()
	return w.st.CheckIn(context.Background(), CheckIn{ID: id, Action: w.action, Code: code, By: Actor{Door: w.door[door]}})
}
