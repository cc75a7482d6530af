package store

import (
	"context"
	"database/sql"
	"fmt"
)

// WalkIn asks for a person without a badge to be added to an institution's
// roster at the door and checked in.
type WalkIn struct {
	ID          string
	Action      int64
	Name        string
	Institution int64
	Language    string
	By          Actor
}

// AddWalkIn creates a leader with a fresh badge code and checks them in, in
// one transaction. The walk-in counts through that check-in, so undoing it
// uncounts the person like any other check-in.
func (s *Store) AddWalkIn(ctx context.Context, in WalkIn) (CheckInResult, error) {
	var res CheckInResult
	if err := checkClientID(in.ID); err != nil {
		return res, err
	}
	nl := NewLeader{Name: in.Name, Institution: in.Institution, Language: in.Language, WalkIn: true}
	if err := nl.check(); err != nil {
		return res, err
	}
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		if found, err := replay(tx, in.ID, "walkin", in.Action, &res); found || err != nil {
			return nil, err
		}
		if _, err := institutionRef(tx, in.Institution); err != nil {
			return nil, err
		}
		leader, err := insertLeader(tx, nl)
		if err != nil {
			return nil, err
		}
		return s.checkInWalkIn(tx, in, leader.Code, &res)
	})
	if err != nil {
		return CheckInResult{}, fmt.Errorf("walk-in %s: %w", in.ID, err)
	}
	return res, nil
}

func (s *Store) checkInWalkIn(tx *sql.Tx, in WalkIn, code string, res *CheckInResult) ([]Event, error) {
	ci := CheckIn{ID: in.ID, Action: in.Action, Code: code, By: in.By, Source: "walk_in"}
	l, err := leaderByCode(tx, code)
	if err != nil {
		return nil, err
	}
	at := s.stamp()
	if err := insertCheckIn(tx, ci, l, at); err != nil {
		return nil, err
	}
	_, err = tx.Exec(`INSERT INTO walkins (client_id, action_id, leader_id, checkin_id, door_id)
		VALUES (?, ?, ?, (SELECT id FROM checkins WHERE client_id = ?), ?)`,
		in.ID, in.Action, l.ID, in.ID, nullID(in.By.Door))
	if err != nil {
		return nil, fmt.Errorf("insert walk-in: %w", err)
	}
	*res = CheckInResult{Status: StatusCheckedIn, ID: in.ID, Leader: l, At: at}
	ev := Event{Kind: "checkin", Action: in.Action, Institution: l.Institution.ID, Delta: 1, At: at}
	return []Event{ev}, saveReply(tx, in.ID, "walkin", in.Action, res)
}
