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
	Venue      string              `json:"venue,omitempty"` // the hall they were closed for; "": the whole action
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
// and delegation at the action (those with either above zero). At a venue
// of a network it closes that venue's hall: the delegations are those
// counted there; at the hub, or on a single node, it closes the whole
// action. It fails with ErrCredentialsClosed when they are already closed,
// unless again is set: then the new closing supersedes the earlier one,
// which is kept. The closing travels to the other nodes of a network.
func (s *Store) CloseCredentials(ctx context.Context, action int64, by Actor, again bool) (Credentials, error) {
	at := s.now().UTC()
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		if err := actionExists(tx, action); err != nil {
			return nil, err
		}
		self, scope, err := closingScope(ctx, tx)
		if err != nil {
			return nil, err
		}
		if err := supersedeClosing(tx, action, scope, at, again); err != nil {
			return nil, err
		}
		if err := insertClosing(tx, closing{action: action, scope: scope, at: at, by: by}, self); err != nil {
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

// closingScope is this node's name and what its organizers close: their
// venue's hall at a venue, the whole action ("") at the hub or alone.
func closingScope(ctx context.Context, q rowQuerier) (self, scope string, err error) {
	var hub bool
	err = q.QueryRowContext(ctx, `SELECT name, coalesce(venue, name), parent = '' FROM peer_self`).Scan(&self, &scope, &hub)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", nil
	}
	if err != nil {
		return "", "", fmt.Errorf("read venue: %w", err)
	}
	if hub {
		scope = ""
	}
	return self, scope, nil
}

func supersedeClosing(tx *sql.Tx, action int64, scope string, at time.Time, again bool) error {
	var id int64
	err := tx.QueryRow(`SELECT id FROM credential_closings WHERE action_id = ? AND scope = ? AND superseded_at IS NULL`,
		action, scope).Scan(&id)
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

// closing is one closing of credentials as it is recorded.
type closing struct {
	action     int64
	scope      string // the venue closed, "" for the whole action
	at         time.Time
	by         Actor
	id         string // the client id; a new one when ""
	origin     string // the node that closed, "" for this one
	superseded *time.Time
}

// insertClosing records the closing and copies the counts from the raw tables
// inside the same transaction, so they are exactly those of this commit: of
// the venue's hall when the closing is of one.
func insertClosing(tx *sql.Tx, c closing, self string) error {
	id, err := insertClosingRow(tx, c)
	if err != nil {
		return err
	}
	_, err = tx.Exec(`INSERT INTO credential_counts
		(closing_id, institution_id, institution_name, chapter_id, chapter_name, committed, delegation)
		SELECT :closing, * FROM (SELECT i.id AS iid, i.name AS iname, c.id AS cid, c.name AS cname,
			coalesce((SELECT number FROM commitments m WHERE m.action_id = :action AND m.institution_id = i.id), 0) AS committed,
			(SELECT count(*) FROM checkins k WHERE k.action_id = :action AND k.institution_id = i.id AND k.undone_at IS NULL
				AND (:scope = '' OR `+venueOfK+` = :scope)) +
			coalesce((SELECT sum(count) FROM headcounts h WHERE h.action_id = :action AND h.institution_id = i.id
				AND h.undone_at IS NULL AND (:scope = '' OR `+venueOfH+` = :scope)), 0) AS delegation
			FROM institutions i JOIN chapters c ON c.id = i.chapter_id)
		WHERE committed > 0 OR delegation > 0`, sql.Named("action", c.action), sql.Named("closing", id),
		sql.Named("scope", c.scope), sql.Named("self", self))
	if err != nil {
		return fmt.Errorf("freeze counts: %w", err)
	}
	return nil
}

func insertClosingRow(tx *sql.Tx, c closing) (int64, error) {
	if c.id == "" {
		c.id = NewToken("close")
	}
	var superseded any
	if c.superseded != nil {
		superseded = formatTime(*c.superseded)
	}
	res, err := tx.Exec(`INSERT INTO credential_closings (action_id, closed_at, organizer_id, client_id, scope, origin, superseded_at)
		VALUES (?, ?, ?, ?, ?, nullif(?, ''), ?)`, c.action, formatTime(c.at), nullID(c.by.Organizer), c.id, c.scope, c.origin, superseded)
	if err != nil {
		return 0, fmt.Errorf("insert closing: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("insert closing: %w", err)
	}
	return id, nil
}

// Credentials returns the action's credentials in force, as this node's
// organizers close them (its venue's hall at a venue, the whole action at
// the hub or alone): Closed is false, with no chapters, until they were.
func (s *Store) Credentials(ctx context.Context, action int64) (Credentials, error) {
	_, scope, err := closingScope(ctx, s.read)
	if err != nil {
		return Credentials{}, err
	}
	return s.CredentialsOf(ctx, action, scope)
}

// CredentialsOf returns the credentials in force of one venue's hall, or
// of the whole action when venue is "".
func (s *Store) CredentialsOf(ctx context.Context, action int64, venue string) (Credentials, error) {
	cr := Credentials{Action: action, Venue: venue, Chapters: []CredentialChapter{}}
	var id int64
	var at string
	err := s.read.QueryRowContext(ctx, `SELECT id, closed_at,
		(SELECT count(*) FROM credential_closings p WHERE p.action_id = ?1 AND p.scope = ?2 AND p.closed_at <= c.closed_at)
		FROM credential_closings c WHERE action_id = ?1 AND scope = ?2 AND superseded_at IS NULL`, action, venue).
		Scan(&id, &at, &cr.Revision)
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
