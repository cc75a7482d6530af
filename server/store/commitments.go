package store

import (
	"context"
	"database/sql"
	"fmt"
)

// UpdateAction changes an action's name, date, start time, venue and goal.
func (s *Store) UpdateAction(ctx context.Context, a Action) (Action, error) {
	if err := a.check(); err != nil {
		return a, err
	}
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		res, err := tx.Exec(`UPDATE actions SET name = ?, date = ?, starts_at = ?, venue = ?, goal = ? WHERE id = ?`,
			a.Name, a.Date, a.StartsAt, a.Venue, a.Goal, a.ID)
		if err != nil {
			return nil, fmt.Errorf("update action: %w", err)
		}
		return []Event{{Kind: "structure", Action: a.ID}}, affected(res, "action", a.ID)
	})
	return a, err
}

// Commitment is one institution's pledge to an action.
type Commitment struct {
	Institution Ref  `json:"institution"`
	Chapter     Ref  `json:"chapter"`
	Number      int  `json:"number"`
	Set         bool `json:"set"` // false when the institution made no commitment yet
}

// Commitments lists every institution with its commitment to the action,
// ordered by chapter then institution.
func (s *Store) Commitments(ctx context.Context, action int64) ([]Commitment, error) {
	out := []Commitment{}
	err := eachRow(ctx, s.read, `SELECT i.id, i.name, c.id, c.name, coalesce(m.number, 0), m.number IS NOT NULL
		FROM institutions i JOIN chapters c ON c.id = i.chapter_id
		LEFT JOIN commitments m ON m.institution_id = i.id AND m.action_id = ?
		ORDER BY c.name COLLATE NOCASE, c.id, i.name COLLATE NOCASE, i.id`, func(rows *sql.Rows) error {
		var m Commitment
		err := rows.Scan(&m.Institution.ID, &m.Institution.Name, &m.Chapter.ID, &m.Chapter.Name, &m.Number, &m.Set)
		out = append(out, m)
		return err
	}, action)
	if err != nil {
		return nil, fmt.Errorf("commitments of action %d: %w", action, err)
	}
	return out, nil
}
