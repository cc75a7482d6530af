package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
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

// BenchmarkCheckInParallel measures the store's durable check-in rate with
// 64 concurrent writers sharing group commits.
func BenchmarkCheckInParallel(b *testing.B) {
	w := newWorld(b)
	ctx := context.Background()
	nl := make([]NewLeader, b.N+10)
	for i := range nl {
		nl[i] = NewLeader{Name: fmt.Sprintf("P %d", i), Institution: w.inst[0]}
	}
	ls, err := w.st.AddLeaders(ctx, nl)
	check(b, err)
	var next atomic.Int64
	b.SetParallelism(32)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := next.Add(1)
			if _, err := w.st.CheckIn(ctx, CheckIn{ID: fmt.Sprintf("bench-%08d", i), Action: w.action, Code: ls[i].Code}); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// TestScanTimeBoundedToTheActionsDay: once the action's day has begun, a
// scan's own time may not put it before that day (a door could backdate by
// 72 hours); an organizer's paper sheet may, and before the day (a
// rehearsal) the 72 hours still hold.
func TestScanTimeBoundedToTheActionsDay(t *testing.T) {
	day := time.Date(2026, 12, 12, 0, 0, 0, 0, time.Local)
	tests := []struct {
		name    string
		now, at time.Time
		source  string
		kept    bool
	}{
		{"a scan of the day's morning", day.Add(15 * time.Hour), day.Add(9 * time.Hour), "", true},
		{"a scan put on the evening before", day.Add(15 * time.Hour), day.Add(-4 * time.Hour), "", false},
		{"a scan put two days before", day.Add(15 * time.Hour), day.Add(-48 * time.Hour), "scan", false},
		{"a paper sheet of the evening before", day.Add(15 * time.Hour), day.Add(-4 * time.Hour), "paper", true},
		{"a late sync the next morning", day.Add(34 * time.Hour), day.Add(20 * time.Hour), "", true},
		{"a rehearsal the week before", day.Add(-7 * 24 * time.Hour), day.Add(-7*24*time.Hour - time.Hour), "", true},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorldAt(t, tt.now)
			r, err := w.st.CheckIn(context.Background(), CheckIn{ID: fmt.Sprintf("day-%04d", i), Action: w.action,
				Code: w.codes[0][0], By: Actor{Door: w.door[0]}, Source: tt.source, At: tt.at})
			check(t, err)
			want := tt.now
			if tt.kept {
				want = tt.at
			}
			if !r.At.Equal(want) {
				t.Errorf("recorded at %v, want %v", r.At.Local(), want)
			}
		})
	}
}

// newWorldAt is newWorld with the store's clock stopped at now.
func newWorldAt(tb testing.TB, now time.Time) *world {
	tb.Helper()
	w := newWorld(tb)
	w.st.now = func() time.Time { return now }
	return w
}
