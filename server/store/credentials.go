package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Credentials is an action's roll call as it was frozen when an organizer
// closed it: counts and names of institutions and chapters, never leaders.
type Credentials struct {
	Action     int64               `json:"action"`
	Closed     bool                `json:"closed"`
	ClosedAt   *time.Time          `json:"closed_at,omitempty"`
	Revision   int                 `json:"revision,omitempty"` // 1 for the first closing, 2 after closing again...
	Committed  int                 `json:"committed"`
	Delegation int                 `json:"delegation"`
	Chapters   []CredentialChapter `json:"chapters"`
}

// CredentialChapter is one chapter's frozen numbers: the sums of its institutions.
type CredentialChapter struct {
	ID           int64                   `json:"id"`
	Name         string                  `json:"name"`
	Committed    int                     `json:"committed"`
	Delegation   int                     `json:"delegation"`
	Institutions []CredentialInstitution `json:"institutions"`
}

// CredentialInstitution is one institution's commitment and the delegation it
// had brought when the credentials were closed.
type CredentialInstitution struct {
	ID         int64  `json:"id"`
	Name       string `json:"name"`
	Committed  int    `json:"committed"`
	Delegation int    `json:"delegation"`
}

// CloseCredentials freezes, as of this commit, every institution's commitment
// and delegation at the action (those with either above zero). It fails with
// ErrCredentialsClosed when they are already closed, unless again is set:
// then the new closing supersedes the earlier one, which is kept.
func (s *Store) CloseCredentials(ctx context.Context, action int64, by Actor, again bool) (Credentials, error) {
	at := s.now().UTC()
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		if err := actionExists(tx, action); err != nil {
			return nil, err
		}
		if err := supersedeClosing(tx, action, at, again); err != nil {
			return nil, err
		}
		if err := insertClosing(tx, action, at, by); err != nil {
			return nil, err
		}
		// A structure event makes every dashboard reload its snapshot, and
		// with it the credentials.
		return []Event{{Kind: "structure", Action: action}}, nil
	})
	if err != nil {
		return Credentials{}, fmt.Errorf("close credentials of action %d: %w", action, err)
	}
	return s.Credentials(ctx, action)
}

func supersedeClosing(tx *sql.Tx, action int64, at time.Time, again bool) error {
	var id int64
	err := tx.QueryRow(`SELECT id FROM credential_closings WHERE action_id = ? AND superseded_at IS NULL`, action).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return fmt.Errorf("look up closing: %w", err)
	case !again:
		return ErrCredentialsClosed
	}
	if _, err := tx.Exec(`UPDATE credential_closings SET superseded_at = ? WHERE id = ?`, formatTime(at), id); err != nil {
		return fmt.Errorf("supersede closing: %w", err)
	}
	return nil
}

// insertClosing records the closing and copies the counts from the raw tables
// inside the same transaction, so they are exactly those of this commit.
func insertClosing(tx *sql.Tx, action int64, at time.Time, by Actor) error {
	res, err := tx.Exec(`INSERT INTO credential_closings (action_id, closed_at, organizer_id) VALUES (?, ?, ?)`,
		action, formatTime(at), nullID(by.Organizer))
	if err != nil {
		return fmt.Errorf("insert closing: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return fmt.Errorf("insert closing: %w", err)
	}
	_, err = tx.Exec(`INSERT INTO credential_counts
		(closing_id, institution_id, institution_name, chapter_id, chapter_name, committed, delegation)
		SELECT ?2, * FROM (SELECT i.id AS iid, i.name AS iname, c.id AS cid, c.name AS cname,
			coalesce((SELECT number FROM commitments m WHERE m.action_id = ?1 AND m.institution_id = i.id), 0) AS committed,
			(SELECT count(*) FROM checkins k WHERE k.action_id = ?1 AND k.institution_id = i.id AND k.undone_at IS NULL) +
			coalesce((SELECT sum(count) FROM headcounts h WHERE h.action_id = ?1 AND h.institution_id = i.id AND h.undone_at IS NULL), 0) AS delegation
			FROM institutions i JOIN chapters c ON c.id = i.chapter_id)
		WHERE committed > 0 OR delegation > 0`, action, id)
	if err != nil {
		return fmt.Errorf("freeze counts: %w", err)
	}
	return nil
}

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
