package store

import (
	"context"
	"testing"
)

// TestRosterVersionMovesOnlyWithTheRoster: a door reads its roster again
// when the version moves, so it moves after a leader or an institution is
// added, a badge reissued, a leader renamed, or the door limit changed, and
// not after a check-in or a walk-in (its leader reaches every door in the
// feed: a walk-in must not send every phone back for the whole roster).
func TestRosterVersionMovesOnlyWithTheRoster(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	version := func() string {
		st, err := w.st.RosterState(ctx, w.action)
		check(t, err)
		return st.Version
	}
	var added int64
	for _, tc := range []struct {
		what  string
		do    func() error
		moves bool
	}{
		{"a check-in", func() error { _, err := w.checkIn(t, "checkin-0001", w.codes[0][0], 0); return err }, false},
		{"a walk-in", func() error {
			_, err := w.st.AddWalkIn(ctx, WalkIn{ID: "walk-0001", Action: w.action, Name: "Rosa Peña", Institution: w.inst[0]})
			return err
		}, false},
		{"a leader added", func() error {
			ls, err := w.st.AddLeaders(ctx, []NewLeader{{Name: "Ana Nueva", Institution: w.inst[1]}})
			if err == nil {
				added = ls[0].ID
			}
			return err
		}, true},
		{"a badge reissued", func() error { _, err := w.st.ReissueCode(ctx, added); return err }, true},
		{"a leader renamed", func() error {
			return w.st.UpdateLeader(ctx, added, NewLeader{Name: "Ana María Nueva", Institution: w.inst[1]})
		}, true},
		{"an institution added", func() error {
			_, err := w.st.CreateInstitution(ctx, w.chapter, "Centro El Puente", "")
			return err
		}, true},
		{"the door limit changed", func() error {
			_, err := w.st.UpdateAction(ctx, Action{ID: w.action, Name: "Asamblea", Date: "2026-12-12", HeadcountMax: 80})
			return err
		}, true},
	} {
		before := version()
		check(t, tc.do())
		if moved := version() != before; moved != tc.moves {
			t.Errorf("after %s the version moved = %v, want %v", tc.what, moved, tc.moves)
		}
	}
}
