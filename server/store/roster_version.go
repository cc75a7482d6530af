package store

import (
	"context"
	"fmt"
)

// DoorRosterState is what a door phone compares, on each read of its feed,
// with the roster it holds: a different Version means leaders, badges or
// institutions changed since (an import, a walk-in at another door, a
// reissued badge), HeadcountMax the action's door limit.
type DoorRosterState struct {
	Version      string `json:"version"`
	HeadcountMax int    `json:"headcount_max"`
}

// RosterState fingerprints, cheaply, what a door's roster holds: counts and
// highest ids of leaders and institutions, badges issued and revoked, and
// the action's headcount limit. A renamed leader does not change it; a
// leader, badge or institution added, removed or revoked does.
func (s *Store) RosterState(ctx context.Context, action int64) (DoorRosterState, error) {
	var n [6]int64
	var st DoorRosterState
	err := s.read.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM leaders), (SELECT coalesce(max(id), 0) FROM leaders),
		(SELECT count(*) FROM badge_codes), (SELECT count(revoked_at) FROM badge_codes),
		(SELECT count(*) FROM institutions), (SELECT coalesce(max(id), 0) FROM institutions),
		headcount_max FROM actions WHERE id = ?`, action).
		Scan(&n[0], &n[1], &n[2], &n[3], &n[4], &n[5], &st.HeadcountMax)
	if err != nil {
		return st, fmt.Errorf("roster state of action %d: %w", action, err)
	}
	st.Version = fmt.Sprintf("%d.%d.%d.%d.%d.%d.%d", n[0], n[1], n[2], n[3], n[4], n[5], st.HeadcountMax)
	return st, nil
}
