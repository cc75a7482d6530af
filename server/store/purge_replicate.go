package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// A purge on a node of a network travels like the doors' writes: each node
// purges what it holds of the action, once (by the purge's client id), and
// each keeps its numbers and its split by venue. A check-in purged here that
// reaches this node again is not counted again; one that reaches it only
// after the purge counts, as it did not take part in it.

// errUnsent: this node still has check-ins or undos of the action to send
// to the network; purging now would take them from the other nodes.
var errUnsent = errors.New("writes of the action not yet sent to the network")

// shareable fails with errUnsent while this node's own check-ins or undos
// of the action wait in its outbox (a moment, while the node publishes).
func shareable(tx *sql.Tx, action int64) error {
	var n int
	err := tx.QueryRow(`SELECT count(*) FROM peer_outbox o JOIN checkins c ON c.client_id = o.client_id
		WHERE o.kind IN ('checkin', 'undo') AND c.action_id = ?
		AND o.seq > (SELECT coalesce(max(seq), 0) FROM peer_cursor WHERE name = 'writes')`, action).Scan(&n)
	if err != nil {
		return fmt.Errorf("look up outbox: %w", err)
	}
	if n > 0 {
		return invalid("action", "check-ins are still being sent to the other nodes; try again in a moment")
	}
	return nil
}

// sendPurge records the purge under a client id of its own and, on a node
// of a network, puts it in the outbox.
func sendPurge(tx *sql.Tx, action int64, at time.Time) error {
	id := NewToken("purge")
	if _, err := tx.Exec(`INSERT INTO purge_events (client_id, action_id, purged_at) VALUES (?, ?, ?)`,
		id, action, formatTime(at)); err != nil {
		return fmt.Errorf("record purge: %w", err)
	}
	_, err := tx.Exec(`INSERT INTO peer_outbox (kind, client_id) SELECT 'purge', ? WHERE EXISTS (SELECT 1 FROM peer_self)`, id)
	if err != nil {
		return fmt.Errorf("send purge: %w", err)
	}
	return nil
}

func (s *Store) fillPurge(ctx context.Context, w *Write) error {
	var at string
	err := s.read.QueryRowContext(ctx, `SELECT a.uid, p.purged_at FROM purge_events p
		JOIN actions a ON a.id = p.action_id WHERE p.client_id = ?`, w.ID).Scan(&w.Action, &at)
	w.At = parseTime(at)
	return err
}

// applyPurge purges, once, what this node holds of the action, as of the
// purge's time. While this node's own writes of the action wait to be sent,
// it is tried again later.
func applyPurge(tx *sql.Tx, ix *index, w Write, action int64) ([]Event, error) {
	var n int
	if err := tx.QueryRow(`SELECT count(*) FROM purge_events WHERE client_id = ?`, w.ID).Scan(&n); err != nil || n > 0 {
		return nil, err
	}
	var inv *InvalidError
	if err := shareable(tx, action); errors.As(err, &inv) {
		return nil, fmt.Errorf("purge %s: %w: %w", w.ID, errUnsent, ErrNotFound)
	} else if err != nil {
		return nil, err
	}
	ix.built = false // check-ins go: the index is built again
	_, evs, err := purgeIn(tx, action, w.At, Actor{})
	if err != nil {
		return nil, err
	}
	_, err = tx.Exec(`INSERT INTO purge_events (client_id, action_id, purged_at, origin) VALUES (?, ?, ?, ?)`,
		w.ID, action, formatTime(w.At), w.Origin)
	if err != nil {
		return nil, fmt.Errorf("record purge: %w", err)
	}
	return evs, nil
}

// purged reports whether the check-in with client id was purged here.
func purged(tx *sql.Tx, id string) (bool, error) {
	var n int
	err := tx.QueryRow(`SELECT count(*) FROM answers WHERE client_id = ? AND kind <> 'headcount'
		AND json_extract(body, '$.status') = 'purged'`, id).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("look up purged: %w", err)
	}
	return n > 0, nil
}
