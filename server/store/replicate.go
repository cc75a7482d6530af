package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Write is one write as it travels between the nodes of a network: what
// another node needs to apply it, named by identities that are the same on
// every node (client ids, badge codes, action and institution uids).
type Write struct {
	Kind        string        `json:"kind"` // checkin, undo, headcount, headcount_undo, closing, purge, door, need
	ID          string        `json:"id"`   // the client id
	Action      string        `json:"action"`
	Origin      string        `json:"origin"`          // the node that recorded it
	Venue       string        `json:"venue,omitempty"` // the venue that node counts in; "": the node's own
	Door        string        `json:"door,omitempty"`
	At          time.Time     `json:"at"` // scanned, counted or undone
	By          string        `json:"by,omitempty"`
	Source      string        `json:"source,omitempty"`
	Reply       string        `json:"reply,omitempty"` // checkin, walkin or paper_leader
	Code        string        `json:"code,omitempty"`
	Leader      *WriteLeader  `json:"leader,omitempty"` // a leader the check-in created
	Institution string        `json:"institution,omitempty"`
	Count       int           `json:"count,omitempty"`
	Note        string        `json:"note,omitempty"`
	Closing     *WriteClosing `json:"closing,omitempty"`
	Token       *WriteDoor    `json:"token,omitempty"`    // door: the door as the change left it
	Position    int           `json:"position,omitempty"` // need: which of the action's needs
}

// WriteLeader is a leader added at a door (walk-in) or from a paper sheet,
// travelling with the check-in that created it.
type WriteLeader struct {
	UID         string `json:"uid"`
	Name        string `json:"name"`
	Institution string `json:"institution"` // uid
	Phone       string `json:"phone,omitempty"`
	Email       string `json:"email,omitempty"`
	Language    string `json:"language"`
	WalkIn      bool   `json:"walk_in,omitempty"`
	Consent     *bool  `json:"consent,omitempty"` // ticked at the door; nil from a node that did not say
}

// MsgID is the write's identity on the wire: replaying it changes nothing.
func (w Write) MsgID() string { return w.Kind + ":" + w.ID }

// OutboxEntry is one of this node's writes waiting to be published.
type OutboxEntry struct {
	Seq   int64
	Write Write
	Gone  bool // the record was purged since: nothing to send
}

// Outbox returns up to limit of this node's writes after seq, in commit
// order, as other nodes will apply them.
func (s *Store) Outbox(ctx context.Context, after int64, limit int) ([]OutboxEntry, error) {
	self, _, err := s.Self(ctx)
	if err != nil {
		return nil, err
	}
	venue, _, err := s.Venue(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.read.QueryContext(ctx, `SELECT seq, kind, client_id FROM peer_outbox
		WHERE seq > ? ORDER BY seq LIMIT ?`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("read outbox: %w", err)
	}
	var out []OutboxEntry
	for rows.Next() {
		var e OutboxEntry
		if err := rows.Scan(&e.Seq, &e.Write.Kind, &e.Write.ID); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read outbox: %w", err)
		}
		out = append(out, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	checkIns, err := s.outboxCheckIns(ctx, after, out[len(out)-1].Seq)
	if err != nil {
		return nil, err
	}
	for i := range out {
		w := &out[i].Write
		w.Origin, w.Venue = self, venue
		if ci, ok := checkIns[w.ID]; ok && w.Kind == "checkin" {
			ci.Kind, ci.Origin, ci.Venue = w.Kind, self, venue
			*w = ci
			continue
		}
		if w.Kind == "checkin" {
			out[i].Gone = true // purged since
			continue
		}
		if err := s.fillWrite(ctx, w); errors.Is(err, sql.ErrNoRows) {
			out[i].Gone = true
		} else if err != nil {
			return nil, fmt.Errorf("read outbox %s: %w", w.MsgID(), err)
		}
	}
	return out, nil
}

// OutboxEnd is the last seq in the outbox.
func (s *Store) OutboxEnd(ctx context.Context) (int64, error) {
	var seq int64
	err := s.read.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM peer_outbox`).Scan(&seq)
	if err != nil {
		return 0, fmt.Errorf("outbox end: %w", err)
	}
	return seq, nil
}

func (s *Store) fillWrite(ctx context.Context, w *Write) error {
	switch w.Kind {
	case "undo":
		return s.fillUndo(ctx, w, "checkins")
	case "headcount":
		return s.fillHeadcount(ctx, w)
	case "headcount_undo":
		return s.fillUndo(ctx, w, "headcounts")
	case "closing":
		return s.fillClosing(ctx, w)
	case "purge":
		return s.fillPurge(ctx, w)
	case "door":
		return s.fillDoor(ctx, w)
	case "need":
		return s.fillNeed(ctx, w)
	}
	return fmt.Errorf("unknown outbox kind %q", w.Kind)
}

// outboxCheckIns reads, in one query, the check-ins of the outbox rows
// after seq through last, by client id; one purged since is missing.
func (s *Store) outboxCheckIns(ctx context.Context, after, last int64) (map[string]Write, error) {
	out := map[string]Write{}
	err := eachRow(ctx, s.read, `SELECT c.client_id, a.uid, coalesce(d.name, ''), c.scanned_at, c.source,
		coalesce(r.kind, 'checkin'), l.code, l.uid, l.name, i.uid, l.phone, l.email, l.language, l.walk_in, l.consent
		FROM peer_outbox o JOIN checkins c ON c.client_id = o.client_id
		JOIN actions a ON a.id = c.action_id JOIN leaders l ON l.id = c.leader_id
		JOIN institutions i ON i.id = l.institution_id LEFT JOIN doors d ON d.id = c.door_id
		LEFT JOIN answers r ON r.client_id = c.client_id
		WHERE o.seq > ? AND o.seq <= ? AND o.kind = 'checkin'`, func(rows *sql.Rows) error {
		var w Write
		var at string
		l := WriteLeader{Consent: new(bool)}
		err := rows.Scan(&w.ID, &w.Action, &w.Door, &at, &w.Source, &w.Reply, &w.Code,
			&l.UID, &l.Name, &l.Institution, &l.Phone, &l.Email, &l.Language, &l.WalkIn, l.Consent)
		w.At = parseTime(at)
		if w.Reply == "walkin" || w.Reply == "paper_leader" {
			w.Leader = &l
		}
		out[w.ID] = w
		return err
	}, after, last)
	if err != nil {
		return nil, fmt.Errorf("read outbox check-ins: %w", err)
	}
	return out, nil
}

func (s *Store) fillUndo(ctx context.Context, w *Write, table string) error {
	var at string
	err := s.read.QueryRowContext(ctx, `SELECT a.uid, coalesce(t.undone_at, ''), coalesce(t.undone_by, '')
		FROM `+quoteIdent(table)+` t JOIN actions a ON a.id = t.action_id WHERE t.client_id = ?`, w.ID).
		Scan(&w.Action, &at, &w.By)
	w.At = parseTime(at)
	return err
}

func (s *Store) fillHeadcount(ctx context.Context, w *Write) error {
	var at string
	err := s.read.QueryRowContext(ctx, `SELECT a.uid, i.uid, coalesce(d.name, ''), h.count, h.note, h.recorded_at
		FROM headcounts h JOIN actions a ON a.id = h.action_id JOIN institutions i ON i.id = h.institution_id
		LEFT JOIN doors d ON d.id = h.door_id WHERE h.client_id = ?`, w.ID).
		Scan(&w.Action, &w.Institution, &w.Door, &w.Count, &w.Note, &at)
	w.At = parseTime(at)
	return err
}

// Published is the seq up to which the outbox was published.
func (s *Store) Published(ctx context.Context) (int64, error) {
	var seq int64
	err := s.read.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM peer_cursor WHERE name = 'writes'`).Scan(&seq)
	if err != nil {
		return 0, fmt.Errorf("read published: %w", err)
	}
	return seq, nil
}

// SetPublished records that the outbox was published through seq. It also
// settles the leaders those check-ins and undos concern: when records from
// other nodes are here for the same leader, the rule of SettleLeader
// decides which counts, as it does on every other node.
func (s *Store) SetPublished(ctx context.Context, seq int64) error {
	return s.writeOwn(ctx, false, func(tx *sql.Tx) (evs []Event, err error) {
		ix, err := s.indexIn(tx)
		if err != nil {
			return nil, err
		}
		defer func() {
			if err != nil {
				ix.built = false
			}
		}()
		var from int64
		if err := tx.QueryRow(`SELECT coalesce(max(seq), 0) FROM peer_cursor WHERE name = 'writes'`).Scan(&from); err != nil {
			return nil, fmt.Errorf("read published: %w", err)
		}
		if err := setCursor(tx, "writes", seq); err != nil {
			return nil, err
		}
		return s.settlePublished(tx, ix, from, seq)
	})
}

// setCursor records that the outbox called name was published through seq.
func setCursor(tx *sql.Tx, name string, seq int64) error {
	_, err := tx.Exec(`INSERT INTO peer_cursor (name, seq) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET seq = excluded.seq`, name, seq)
	if err != nil {
		return fmt.Errorf("set published %s: %w", name, err)
	}
	return nil
}
