package store

import (
	"context"
	"database/sql"
	"fmt"
)

// newLeaderCheckIn is a person added to the roster at the moment they are
// checked in: a walk-in at the door, or a name from a paper sheet.
type newLeaderCheckIn struct {
	kind   string // the reply kind: "walkin" or "paper_leader"
	leader NewLeader
	in     CheckIn // ID, Action, By, Source and At; Code is the new badge's
	// after runs in the same transaction once the check-in exists.
	after func(tx *sql.Tx, l LeaderRef) error
}

// addAndCheckIn writes nl: the leader with a fresh badge code and the
// check-in, in one transaction, idempotent by the client id.
func (s *Store) addAndCheckIn(ctx context.Context, nl newLeaderCheckIn) (CheckInResult, error) {
	var res CheckInResult
	if err := checkClientID(nl.in.ID); err != nil {
		return res, err
	}
	if err := nl.leader.check(); err != nil {
		return res, err
	}
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		if found, err := replay(tx, nl.in.ID, nl.kind, nl.in.Action, &res); found || err != nil {
			return nil, err
		}
		return s.insertAndCheckIn(tx, nl, &res)
	})
	if err != nil {
		return CheckInResult{}, fmt.Errorf("%s %s: %w", nl.kind, nl.in.ID, err)
	}
	return res, nil
}

func (s *Store) insertAndCheckIn(tx *sql.Tx, nl newLeaderCheckIn, res *CheckInResult) ([]Event, error) {
	if err := actionExists(tx, nl.in.Action); err != nil {
		return nil, err
	}
	if _, err := institutionRef(tx, nl.leader.Institution); err != nil {
		return nil, err
	}
	created, err := insertLeader(tx, nl.leader)
	if err != nil {
		return nil, err
	}
	l, err := leaderByCode(tx, created.Code)
	if err != nil {
		return nil, err
	}
	at := s.clamp(nl.in.At, nl.in.Source)
	if err := insertCheckIn(tx, nl.in, l, at); err != nil {
		return nil, err
	}
	if nl.after != nil {
		if err := nl.after(tx, l); err != nil {
			return nil, err
		}
	}
	*res = CheckInResult{Status: StatusCheckedIn, ID: nl.in.ID, Leader: l, At: at}
	ev := Event{Kind: "checkin", Action: nl.in.Action, Institution: l.Institution.ID, Delta: 1, At: at}
	return []Event{ev}, saveReply(tx, nl.in.ID, nl.kind, nl.in.Action, res)
}
