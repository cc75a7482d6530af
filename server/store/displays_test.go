package store

import (
	"context"
	"errors"
	"testing"
)

// TestDisplaysListAndRevoke: an action's displays are listed, newest last;
// a revoked one says so to whoever shows its token, and stays revoked.
func TestDisplaysListAndRevoke(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	first, token, err := w.st.CreateDisplay(ctx, w.action)
	check(t, err)
	second, _, err := w.st.CreateDisplay(ctx, w.action)
	check(t, err)
	list, err := w.st.Displays(ctx, w.action)
	check(t, err)
	if len(list) != 2 || list[0].ID != first.ID || list[1].ID != second.ID || list[0].Revoked != nil || list[0].Created.IsZero() {
		t.Fatalf("Displays = %+v, want both, live, with when they were made", list)
	}
	check(t, w.st.RevokeDisplay(ctx, w.action, first.ID))
	d, err := w.st.DisplayByToken(ctx, token)
	if err != nil || d.Revoked == nil || d.ID != first.ID {
		t.Errorf("DisplayByToken of a revoked display = %+v, %v; want it with Revoked set", d, err)
	}
	list, _ = w.st.Displays(ctx, w.action)
	if list[0].Revoked == nil || list[1].Revoked != nil {
		t.Errorf("after revoking the first: %+v", list)
	}
	other, err := w.st.CreateAction(ctx, Action{Name: "Otra", Date: "2027-01-10"})
	check(t, err)
	if err := w.st.RevokeDisplay(ctx, other.ID, second.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("revoking a display of another action: %v, want ErrNotFound", err)
	}
}
