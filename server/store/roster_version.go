package store

import (
	"context"
	"fmt"
	"sync/atomic"
)

// DoorRosterState is what a door phone compares, on each read of its feed,
// with the roster it holds: a different Version means leaders, badges or
// institutions changed since (an import, an edit in the console, a
// reissued badge, records come down from the hub), HeadcountMax the
// action's door limit.
type DoorRosterState struct {
	Version      string `json:"version"`
	HeadcountMax int    `json:"headcount_max"`
}

// rosterMark is how the writer counts the roster's changes, in memory: a
// group that changed leaders, institutions, chapters or an action (its door
// limit) through a write
// that does not keep the index itself (follow), or met another process's
// write, moves gen on once committed, never before, so a phone that reads
// the new version reads the new roster. A walk-in keeps the index itself
// and moves nothing: every phone learns its leader from the feed, and a
// walk-in at one door must not send every phone back for the whole roster.
// boot is new at each start, so a phone reads the roster again after one.
type rosterMark struct {
	boot    string
	gen     atomic.Int64
	touched bool // the writer goroutine's: this group changed the roster
}

// committed moves gen on after a group that touched the roster committed.
func (m *rosterMark) committed() {
	if m.touched {
		m.gen.Add(1)
		m.touched = false
	}
}

// RosterVersion is the roster's version: it costs nothing, for every read
// of a door's feed.
func (s *Store) RosterVersion() string {
	return fmt.Sprintf("%s.%d", s.roster.boot, s.roster.gen.Load())
}

// RosterState is the roster's version and the action's headcount limit,
// for a door reading its roster.
func (s *Store) RosterState(ctx context.Context, action int64) (DoorRosterState, error) {
	st := DoorRosterState{Version: s.RosterVersion()}
	err := s.read.QueryRowContext(ctx, `SELECT headcount_max FROM actions WHERE id = ?`, action).Scan(&st.HeadcountMax)
	if err != nil {
		return st, fmt.Errorf("roster state of action %d: %w", action, err)
	}
	return st, nil
}
