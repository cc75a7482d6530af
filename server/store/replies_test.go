package store

import (
	"context"
	"errors"
	"testing"
)

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
