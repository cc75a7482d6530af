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
	return s.addAndCheckIn(ctx, newLeaderCheckIn{
		kind:   "walkin",
		leader: NewLeader{Name: in.Name, Institution: in.Institution, Language: in.Language, WalkIn: true},
		in:     CheckIn{ID: in.ID, Action: in.Action, By: in.By, Source: "walk_in"},
		after: func(tx *sql.Tx, l LeaderRef) error {
			_, err := tx.Exec(`INSERT INTO walkins (client_id, action_id, leader_id, checkin_id, door_id)
				VALUES (?, ?, ?, (SELECT id FROM checkins WHERE client_id = ?), ?)`,
				in.ID, in.Action, l.ID, in.ID, nullID(in.By.Door))
			if err != nil {
				return fmt.Errorf("insert walk-in: %w", err)
			}
			return nil
		},
	})
}
