package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Credentials returns the action's credentials in force: Closed is false,
// with no chapters, until an organizer closed them.
func (s *Store) Credentials(ctx context.Context, action int64) (Credentials, error) {
	cr := Credentials{Action: action, Chapters: []CredentialChapter{}}
	var id int64
	var at string
	err := s.read.QueryRowContext(ctx, `SELECT id, closed_at,
		(SELECT count(*) FROM credential_closings p WHERE p.action_id = ?1 AND p.id <= c.id)
		FROM credential_closings c WHERE action_id = ?1 AND superseded_at IS NULL`, action).Scan(&id, &at, &cr.Revision)
	if errors.Is(err, sql.ErrNoRows) {
		return cr, nil
	}
	if err != nil {
		return cr, fmt.Errorf("credentials of action %d: %w", action, err)
	}
	t := parseTime(at)
	cr.Closed, cr.ClosedAt = true, &t
	if err := s.credentialCounts(ctx, id, &cr); err != nil {
		return cr, fmt.Errorf("credentials of action %d: %w", action, err)
	}
	return cr, nil
}

// credentialCounts reads a closing's counts, grouped by chapter in the order
// the live tally uses: chapter name, then institution name.
func (s *Store) credentialCounts(ctx context.Context, closing int64, cr *Credentials) error {
	rows, err := s.read.QueryContext(ctx, `SELECT chapter_id, chapter_name, institution_id, institution_name,
		committed, delegation FROM credential_counts WHERE closing_id = ?
		ORDER BY chapter_name COLLATE NOCASE, chapter_id, institution_name COLLATE NOCASE, institution_id`, closing)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var ch CredentialChapter
		var in CredentialInstitution
		if err := rows.Scan(&ch.ID, &ch.Name, &in.ID, &in.Name, &in.Committed, &in.Delegation); err != nil {
			return err
		}
		if n := len(cr.Chapters); n == 0 || cr.Chapters[n-1].ID != ch.ID {
			cr.Chapters = append(cr.Chapters, ch)
		}
		last := &cr.Chapters[len(cr.Chapters)-1]
		last.Institutions = append(last.Institutions, in)
		last.Committed += in.Committed
		last.Delegation += in.Delegation
		cr.Committed += in.Committed
		cr.Delegation += in.Delegation
	}
	return rows.Err()
}
