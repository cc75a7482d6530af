package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Commitment is one institution's pledge to an action.
type Commitment struct {
	Institution Ref  `json:"institution"`
	Chapter     Ref  `json:"chapter"`
	Number      int  `json:"number"`
	Set         bool `json:"set"` // false when the institution made no commitment yet
}

// SetCommitments records, for each institution, the number it pledged to
// bring to the action; zero removes a commitment.
func (s *Store) SetCommitments(ctx context.Context, action int64, numbers map[int64]int) error {
	for inst, n := range numbers {
		if n < 0 || n > 100_000 {
			return invalid("commitment", fmt.Sprintf("institution %d: must be 0 to 100000", inst))
		}
	}
	return s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		for inst, n := range numbers {
			if _, err := institutionRef(tx, inst); err != nil {
				return nil, err
			}
			if err := upsertCommitment(tx, action, inst, n); err != nil {
				return nil, err
			}
		}
		return []Event{{Kind: "structure", Action: action}}, nil
	})
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

// upsertCommitment sets an institution's number for an action, as the
// console does one by one and an import does for a whole file.
func upsertCommitment(tx *sql.Tx, action, inst int64, n int) error {
	_, err := tx.Exec(`INSERT INTO commitments (action_id, institution_id, number) VALUES (?, ?, ?)
		ON CONFLICT (action_id, institution_id) DO UPDATE SET number = excluded.number`, action, inst, n)
	if err != nil {
		return fmt.Errorf("set commitment: %w", err)
	}
	return nil
}
