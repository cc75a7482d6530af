package store

import (
	"context"
	"errors"
	"testing"
)

// TestHeadcountAboveTheActionsMaximumNeedsAnOrganizer: a door records a
// headcount up to the action's maximum (200 unless an organizer set
// another); above it only an organizer may.
func TestHeadcountAboveTheActionsMaximumNeedsAnOrganizer(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	a, err := w.st.Action(ctx, w.action)
	check(t, err)
	if a.HeadcountMax != DefaultHeadcountMax {
		t.Fatalf("a new action's headcount maximum = %d, want %d", a.HeadcountMax, DefaultHeadcountMax)
	}
	o, err := w.st.CreateOrganizer(ctx, "ana", "correct horse battery")
	check(t, err)
	door, organizer := Actor{Door: w.door[0]}, Actor{Organizer: o.ID}
	add := func(id string, n int, by Actor) error {
		_, err := w.st.AddHeadcount(ctx, Headcount{ID: id, Action: w.action, Institution: w.inst[0], Count: n, By: by})
		return err
	}
	check(t, add("head-0001", DefaultHeadcountMax, door))
	if err := add("head-0002", DefaultHeadcountMax+1, door); !errors.Is(err, ErrHeadcountNeedsOrganizer) {
		t.Errorf("a door's headcount of %d: %v, want ErrHeadcountNeedsOrganizer", DefaultHeadcountMax+1, err)
	}
	check(t, add("head-0003", DefaultHeadcountMax+1, organizer))
	a.HeadcountMax = 50
	_, err = w.st.UpdateAction(ctx, a)
	check(t, err)
	if err := add("head-0004", 51, door); !errors.Is(err, ErrHeadcountNeedsOrganizer) {
		t.Errorf("a door's headcount of 51 over a maximum of 50: %v", err)
	}
	a.HeadcountMax = 0 // an older console that does not know the field
	a, err = w.st.UpdateAction(ctx, a)
	check(t, err)
	if a.HeadcountMax != 50 {
		t.Errorf("an update without a maximum left %d, want 50 kept", a.HeadcountMax)
	}
}
