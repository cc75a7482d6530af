package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

func TestCountingRules(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	a, b := w.inst[0], w.inst[1]
	steps := []struct {
		name  string
		do    func() error
		wantA int
		wantB int
	}{
		{"a scan counts one", func() error { _, err := w.checkIn(t, "scan-0001", w.codes[0][0], 0); return err }, 1, 0},
		{"a repeat of the leader counts nothing", func() error {
			r, err := w.checkIn(t, "scan-0002", w.codes[0][0], 1)
			if err == nil && r.Status != StatusAlready {
				return fmt.Errorf("status %q, want %q", r.Status, StatusAlready)
			}
			return err
		}, 1, 0},
		{"another leader counts", func() error { _, err := w.checkIn(t, "scan-0003", w.codes[0][1], 0); return err }, 2, 0},
		{"a walk-in counts", func() error {
			_, err := w.st.AddWalkIn(ctx, WalkIn{ID: "walk-0001", Action: w.action, Name: "Rosa Peña", Institution: a})
			return err
		}, 3, 0},
		{"a headcount adds its number", func() error {
			_, err := w.st.AddHeadcount(ctx, Headcount{ID: "head-0001", Action: w.action, Institution: b, Count: 48})
			return err
		}, 3, 48},
		{"undo uncounts", func() error { _, err := w.st.UndoCheckIn(ctx, w.action, "scan-0003", Actor{}); return err }, 2, 48},
		{"undoing a headcount uncounts it", func() error {
			_, err := w.st.UndoHeadcount(ctx, w.action, "head-0001", Actor{})
			return err
		}, 2, 0},
		{"after undo the leader can check in again", func() error { _, err := w.checkIn(t, "scan-0004", w.codes[0][1], 0); return err }, 3, 0},
	}
	for _, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if gotA, gotB := w.present(t, a), w.present(t, b); gotA != s.wantA || gotB != s.wantB {
			t.Fatalf("%s: present = %d, %d; want %d, %d", s.name, gotA, gotB, s.wantA, s.wantB)
		}
	}
}

func TestRepeatSaysWhenAndWhere(t *testing.T) {
	w := newWorld(t)
	first, err := w.checkIn(t, "scan-0001", w.codes[0][0], 0)
	check(t, err)
	again, err := w.checkIn(t, "scan-0002", w.codes[0][0], 1)
	check(t, err)
	if again.Status != StatusAlready || again.First == nil {
		t.Fatalf("repeat = %+v, want already_checked_in with first", again)
	}
	if again.First.Door != "Puerta norte" || !again.First.At.Equal(first.At) {
		t.Errorf("first = %+v, want door Puerta norte at %v", again.First, first.At)
	}
}

func TestReplayReturnsFirstAnswerAndChangesNothing(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	first, err := w.checkIn(t, "scan-0001", w.codes[0][0], 0)
	check(t, err)
	for range 3 {
		again, err := w.checkIn(t, "scan-0001", w.codes[0][0], 0)
		check(t, err)
		if again.Status != StatusCheckedIn || !again.Replayed || !again.At.Equal(first.At) {
			t.Fatalf("replay = %+v, want the first answer %+v marked replayed", again, first)
		}
	}
	_, err = w.st.AddWalkIn(ctx, WalkIn{ID: "walk-0001", Action: w.action, Name: "Rosa", Institution: w.inst[0]})
	check(t, err)
	_, err = w.st.AddWalkIn(ctx, WalkIn{ID: "walk-0001", Action: w.action, Name: "Rosa", Institution: w.inst[0]})
	check(t, err)
	_, err = w.st.AddHeadcount(ctx, Headcount{ID: "head-0001", Action: w.action, Institution: w.inst[1], Count: 7})
	check(t, err)
	_, err = w.st.AddHeadcount(ctx, Headcount{ID: "head-0001", Action: w.action, Institution: w.inst[1], Count: 7})
	check(t, err)
	if a, b := w.present(t, w.inst[0]), w.present(t, w.inst[1]); a != 2 || b != 7 {
		t.Errorf("after replays present = %d, %d; want 2, 7", a, b)
	}
	// The same id for a different kind of write is refused, not replayed.
	_, err = w.st.AddHeadcount(ctx, Headcount{ID: "scan-0001", Action: w.action, Institution: w.inst[1], Count: 7})
	if !errors.Is(err, ErrIDConflict) {
		t.Errorf("headcount reusing a check-in id: err = %v, want ErrIDConflict", err)
	}
}

func TestTwoDoorsScanningTheSameLeaderCountOnce(t *testing.T) {
	w := newWorld(t)
	const doors = 16
	var wg sync.WaitGroup
	statuses := make(chan string, doors)
	for i := range doors {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := w.checkIn(t, fmt.Sprintf("race-%04d", i), w.codes[1][0], i%2)
			if err != nil {
				t.Errorf("check in: %v", err)
			}
			statuses <- r.Status
		}()
	}
	wg.Wait()
	close(statuses)
	n := map[string]int{}
	for s := range statuses {
		n[s]++
	}
	if n[StatusCheckedIn] != 1 || n[StatusAlready] != doors-1 {
		t.Errorf("statuses = %v, want 1 checked_in and %d already", n, doors-1)
	}
	if got := w.present(t, w.inst[1]); got != 1 {
		t.Errorf("present = %d, want 1", got)
	}
}

func TestUndoRules(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	_, err := w.checkIn(t, "scan-0001", w.codes[0][0], 0)
	check(t, err)
	if _, err := w.st.UndoCheckIn(ctx, w.action, "scan-0001", Actor{Door: w.door[1]}); !errors.Is(err, ErrNotYours) {
		t.Errorf("undo by another door: err = %v, want ErrNotYours", err)
	}
	first, err := w.st.UndoCheckIn(ctx, w.action, "scan-0001", Actor{Door: w.door[0]})
	check(t, err)
	again, err := w.st.UndoCheckIn(ctx, w.action, "scan-0001", Actor{Door: w.door[0]})
	check(t, err)
	if !again.At.Equal(first.At) {
		t.Errorf("second undo at %v, want the first undo's time %v", again.At, first.At)
	}
	if _, err := w.st.UndoCheckIn(ctx, w.action, "no-such-id", Actor{}); !errors.Is(err, ErrNotFound) {
		t.Errorf("undo unknown id: err = %v, want ErrNotFound", err)
	}
	var undoneBy string
	var kept int
	check(t, w.st.read.QueryRow(`SELECT count(*), max(undone_by) FROM checkins WHERE client_id = 'scan-0001'`).Scan(&kept, &undoneBy))
	if kept != 1 || undoneBy != fmt.Sprintf("door:%d", w.door[0]) {
		t.Errorf("undone row: kept %d, undone_by %q; want the row kept and marked by the door", kept, undoneBy)
	}
}

func TestCheckInManyFailsOnlyTheBadItem(t *testing.T) {
	w := newWorld(t)
	ins := []CheckIn{
		{ID: "batch-0001", Action: w.action, Code: w.codes[0][0]},
		{ID: "batch-0002", Action: w.action, Code: "7KQ2M9XD4TBW0RHA"}, // unknown
		{ID: "bad id!", Action: w.action, Code: w.codes[0][1]},
		{ID: "batch-0004", Action: w.action, Code: ""},
		{ID: "batch-0005", Action: w.action, Code: w.codes[0][0]}, // same leader again
		{ID: "batch-0006", Action: w.action, Code: w.codes[0][2]},
	}
	res, errs := w.st.CheckInMany(context.Background(), ins)
	wantErr := []error{nil, ErrUnknownBadge, &InvalidError{}, &InvalidError{}, nil, nil}
	for i := range ins {
		var inv *InvalidError
		switch want := wantErr[i]; {
		case want == nil && errs[i] != nil:
			t.Errorf("item %d: err = %v, want nil", i, errs[i])
		case want == ErrUnknownBadge && !errors.Is(errs[i], ErrUnknownBadge):
			t.Errorf("item %d: err = %v, want ErrUnknownBadge", i, errs[i])
		case want != nil && want != ErrUnknownBadge && !errors.As(errs[i], &inv):
			t.Errorf("item %d: err = %v, want InvalidError", i, errs[i])
		}
	}
	if res[4].Status != StatusAlready {
		t.Errorf("item 4 status = %q, want %q (items run in order)", res[4].Status, StatusAlready)
	}
	if got := w.present(t, w.inst[0]); got != 2 {
		t.Errorf("present = %d, want 2", got)
	}
}

func TestRevokedBadge(t *testing.T) {
	w := newWorld(t)
	_, err := w.st.writeDB.Exec(`UPDATE badge_codes SET revoked_at = '2026-01-01T00:00:00.000Z' WHERE code = ?`, w.codes[0][3])
	check(t, err)
	if _, err := w.checkIn(t, "scan-0001", w.codes[0][3], 0); !errors.Is(err, ErrRevokedBadge) {
		t.Errorf("revoked code: err = %v, want ErrRevokedBadge", err)
	}
}

func TestEventsFollowCommits(t *testing.T) {
	w := newWorld(t)
	_, err := w.checkIn(t, "scan-0001", w.codes[0][0], 0)
	check(t, err)
	_, err = w.checkIn(t, "scan-0002", w.codes[0][0], 0) // repeat: no event
	check(t, err)
	_, err = w.checkIn(t, "scan-0003", "7KQ2M9XD4TBW0RHA", 0) // unknown: no event
	if !errors.Is(err, ErrUnknownBadge) {
		t.Fatalf("err = %v", err)
	}
	select {
	case evs := <-w.events:
		if len(evs) != 1 || evs[0].Kind != "checkin" || evs[0].Institution != w.inst[0] || evs[0].Delta != 1 {
			t.Errorf("events = %+v, want one checkin of +1", evs)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no event after a committed check-in")
	}
	if len(w.events) != 0 {
		t.Errorf("%d extra event batches for writes that changed no count", len(w.events))
	}
}

func TestGroupCommitAnswersEveryWriter(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	var nl []NewLeader
	for i := range 300 {
		nl = append(nl, NewLeader{Name: fmt.Sprintf("Persona %d", i), Institution: w.inst[1]})
	}
	leaders, err := w.st.AddLeaders(ctx, nl)
	check(t, err)
	var wg sync.WaitGroup
	for i, l := range leaders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := w.checkIn(t, fmt.Sprintf("group-%04d", i), l.Code, i%2); err != nil {
				t.Errorf("check in %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
	if got := w.present(t, w.inst[1]); got != 300 {
		t.Errorf("present = %d, want 300", got)
	}
}

func TestClosedStoreRefusesWrites(t *testing.T) {
	w := newWorld(t)
	check(t, w.st.Close())
	if _, err := w.checkIn(t, "late-0001", w.codes[0][0], 0); !errors.Is(err, ErrClosed) {
		t.Errorf("write after Close: err = %v, want ErrClosed", err)
	}
}
