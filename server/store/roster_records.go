package store

import (
	"context"
	"database/sql"
	"encoding/hex"
	"fmt"
)

// RosterRecord is one record of what flows down from the hub: a chapter,
// institution, leader, action, commitment, door, display or organizer,
// named by identities the same on every node, and carrying the records it
// hangs from, so that it applies whatever order records arrive in.
type RosterRecord struct {
	Kind        string        `json:"kind"`
	Chapter     *RChapter     `json:"chapter,omitempty"`
	Institution *RInstitution `json:"institution,omitempty"`
	Leader      *RLeader      `json:"leader,omitempty"`
	Action      *RAction      `json:"action,omitempty"`
	Committed   int           `json:"committed,omitempty"`
	Door        *RToken       `json:"door,omitempty"`
	Display     *RToken       `json:"display,omitempty"`
	Organizer   *ROrganizer   `json:"organizer,omitempty"`
	Network     string        `json:"network,omitempty"` // the network's own name
	Deleted     bool          `json:"deleted,omitempty"` // a tombstone: only the identity is set
}

// RChapter is a chapter as it flows down.
type RChapter struct{ UID, Name string }

// RInstitution is an institution as it flows down, with whom to call when
// it is short.
type RInstitution struct{ UID, Name, Kind, ContactName, ContactPhone string }

// RLeader is a leader as it flows down, with every badge code ever issued.
type RLeader struct {
	UID, Name, Phone, Email, Language, Code string
	WalkIn                                  bool
	Revoked                                 []string // codes no longer in force
	Consent                                 *bool    // may be called and exported; nil from a hub that did not say
	ExternalID                              string   // the id in the network's CRM
	// GivenName is the given name(s) the name begins with (NewLeader); a
	// hub that did not send it knew none.
	GivenName string `json:",omitempty"`
}

// RAction is an action as it flows down.
type RAction struct {
	UID, Name, Date, StartsAt, Venue string
	Goal, HeadcountMax               int
	SmsES, SmsEN                     string         // the text message the chase prefills
	Needs                            []string       // what the doors count, in order
	Shares                           map[string]int // the share of the goal each venue took on
}

// RToken is a door or a display: only its token's hash travels. A door
// also carries its uid and the version and change id of its token (see
// door_tokens.go): a node keeps the newest, whichever way it came.
type RToken struct {
	Name, TokenHash string
	Revoked         bool
	UID             string `json:",omitempty"`
	Version         int64  `json:",omitempty"`
	Change          string `json:",omitempty"`
}

// ROrganizer is an organizer as it flows down, with the password's hash.
type ROrganizer struct{ Name, PasswordHash string }

// Key is the record's identity on every node, fit for a NATS subject token.
func (r RosterRecord) Key() string {
	switch r.Kind {
	case "chapter":
		return r.Chapter.UID
	case "institution":
		return r.Institution.UID
	case "leader":
		return r.Leader.UID
	case "action":
		return r.Action.UID
	case "commitment":
		return r.Action.UID + "-" + r.Institution.UID
	case "door":
		if r.Door.UID != "" {
			return r.Door.UID
		}
		return r.Door.TokenHash
	case "display":
		return r.Display.TokenHash
	case "network":
		return "name"
	}
	return hex.EncodeToString([]byte(r.Organizer.Name))
}

// rosterRecord reads the current state of the record a roster outbox row
// names; sql.ErrNoRows when it is gone.
func (s *Store) rosterRecord(ctx context.Context, kind string, id, id2 int64) (RosterRecord, error) {
	r := RosterRecord{Kind: kind}
	q := s.read
	var err error
	switch kind {
	case "chapter":
		r.Chapter = &RChapter{}
		err = q.QueryRowContext(ctx, `SELECT uid, name FROM chapters WHERE id = ?`, id).Scan(&r.Chapter.UID, &r.Chapter.Name)
	case "institution":
		err = s.readInstitution(ctx, &r, id)
	case "leader":
		err = s.readLeader(ctx, &r, id)
	case "action":
		err = s.readAction(ctx, &r, id)
	case "commitment":
		err = s.readCommitment(ctx, &r, id, id2)
	case "door", "display":
		err = s.readToken(ctx, &r, id)
	case "network":
		err = q.QueryRowContext(ctx, `SELECT name FROM network WHERE id = ?`, id).Scan(&r.Network)
	case "organizer":
		r.Organizer = &ROrganizer{}
		err = q.QueryRowContext(ctx, `SELECT name, password_hash FROM organizers WHERE id = ?`, id).
			Scan(&r.Organizer.Name, &r.Organizer.PasswordHash)
	default:
		err = fmt.Errorf("unknown roster kind %q", kind)
	}
	return r, err
}

func (s *Store) readInstitution(ctx context.Context, r *RosterRecord, id int64) error {
	r.Chapter, r.Institution = &RChapter{}, &RInstitution{}
	in := r.Institution
	return s.read.QueryRowContext(ctx, `SELECT c.uid, c.name, i.uid, i.name, i.kind, i.contact_name, i.contact_phone
		FROM institutions i JOIN chapters c ON c.id = i.chapter_id WHERE i.id = ?`, id).
		Scan(&r.Chapter.UID, &r.Chapter.Name, &in.UID, &in.Name, &in.Kind, &in.ContactName, &in.ContactPhone)
}

func (s *Store) readLeader(ctx context.Context, r *RosterRecord, id int64) error {
	var inst int64
	l := &RLeader{Consent: new(bool)}
	err := s.read.QueryRowContext(ctx, `SELECT institution_id, uid, name, phone, email, language, code, walk_in,
		consent, external_id, given_name FROM leaders WHERE id = ?`, id).Scan(&inst, &l.UID, &l.Name, &l.Phone, &l.Email,
		&l.Language, &l.Code, &l.WalkIn, l.Consent, &l.ExternalID, &l.GivenName)
	if err != nil {
		return err
	}
	r.Leader = l
	rows, err := s.read.QueryContext(ctx, `SELECT code FROM badge_codes WHERE leader_id = ? AND revoked_at IS NOT NULL`, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var code string
		if err := rows.Scan(&code); err != nil {
			return err
		}
		l.Revoked = append(l.Revoked, code)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return s.readInstitution(ctx, r, inst)
}

func (s *Store) readAction(ctx context.Context, r *RosterRecord, id int64) error {
	a := &RAction{Needs: []string{}, Shares: map[string]int{}}
	r.Action = a
	err := s.read.QueryRowContext(ctx, `SELECT uid, name, date, starts_at, venue, goal, headcount_max, sms_es, sms_en
		FROM actions WHERE id = ?`, id).Scan(&a.UID, &a.Name, &a.Date, &a.StartsAt, &a.Venue, &a.Goal, &a.HeadcountMax,
		&a.SmsES, &a.SmsEN)
	if err != nil {
		return err
	}
	err = eachRow(ctx, s.read, `SELECT name FROM action_needs WHERE action_id = ? ORDER BY position`, func(rows *sql.Rows) error {
		var name string
		err := rows.Scan(&name)
		a.Needs = append(a.Needs, name)
		return err
	}, id)
	if err != nil {
		return err
	}
	return eachRow(ctx, s.read, `SELECT venue, share FROM venue_shares WHERE action_id = ?`, func(rows *sql.Rows) error {
		var venue string
		var share int
		err := rows.Scan(&venue, &share)
		a.Shares[venue] = share
		return err
	}, id)
}

func (s *Store) readCommitment(ctx context.Context, r *RosterRecord, action, inst int64) error {
	err := s.read.QueryRowContext(ctx, `SELECT number FROM commitments WHERE action_id = ? AND institution_id = ?`,
		action, inst).Scan(&r.Committed)
	if err != nil {
		return err
	}
	if err := s.readAction(ctx, r, action); err != nil {
		return err
	}
	return s.readInstitution(ctx, r, inst)
}

func (s *Store) readToken(ctx context.Context, r *RosterRecord, id int64) error {
	t := &RToken{}
	var action int64
	var err error
	if r.Kind == "door" {
		r.Door = t
		err = s.read.QueryRowContext(ctx, `SELECT action_id, name, token_hash, revoked_at IS NOT NULL, coalesce(uid, ''), token_version,
			coalesce(change_id, '') FROM doors WHERE id = ?`, id).
			Scan(&action, &t.Name, &t.TokenHash, &t.Revoked, &t.UID, &t.Version, &t.Change)
	} else {
		r.Display = t
		err = s.read.QueryRowContext(ctx, `SELECT action_id, token_hash, revoked_at IS NOT NULL FROM displays WHERE id = ?`, id).
			Scan(&action, &t.TokenHash, &t.Revoked)
	}
	if err != nil {
		return err
	}
	return s.readAction(ctx, r, action)
}

// backfillRoster puts every record in the roster outbox, parents first,
// when a node first becomes a hub.
func backfillRoster(tx *sql.Tx) error {
	_, err := tx.Exec(`INSERT INTO peer_roster_outbox (kind, id, id2) SELECT kind, id, id2 FROM (
		SELECT 'chapter' AS kind, id, 0 AS id2, 1 AS o FROM chapters
		UNION ALL SELECT 'institution', id, 0, 2 FROM institutions
		UNION ALL SELECT 'action', id, 0, 3 FROM actions
		UNION ALL SELECT 'leader', id, 0, 4 FROM leaders
		UNION ALL SELECT 'commitment', action_id, institution_id, 5 FROM commitments
		UNION ALL SELECT 'door', id, 0, 6 FROM doors
		UNION ALL SELECT 'display', id, 0, 7 FROM displays
		UNION ALL SELECT 'organizer', id, 0, 8 FROM organizers
		UNION ALL SELECT 'network', id, 0, 9 FROM network)
		ORDER BY o, id, id2`)
	if err != nil {
		return fmt.Errorf("fill roster outbox: %w", err)
	}
	return nil
}
