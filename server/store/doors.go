package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Door is a paired scanning device, scoped to one action.
type Door struct {
	ID       int64      `json:"id"`
	Action   int64      `json:"action"`
	Name     string     `json:"name"`
	Created  time.Time  `json:"created_at"`
	Revoked  *time.Time `json:"revoked_at,omitempty"`
	Scans    int        `json:"scans"`                  // check-ins recorded and not undone
	LastSeen *time.Time `json:"last_seen_at,omitempty"` // the phone's last heartbeat
	Queued   int        `json:"queued"`                 // unsent scans the phone last reported

	// State is DoorLive, DoorSilent, DoorUnpaired or DoorRevoked, by the one
	// rule of setState; Quiet is how many seconds ago the phone called in.
	State string `json:"state,omitempty"`
	Quiet *int   `json:"quiet_seconds,omitempty"`
}

// CreateDoor adds a door to an action and returns it with its bearer token,
// which is shown once: the database keeps only its hash.
func (s *Store) CreateDoor(ctx context.Context, action int64, name string) (Door, string, error) {
	d := Door{Action: action, Name: strings.TrimSpace(name), Created: s.stamp()}
	if err := checkName("name", d.Name); err != nil {
		return d, "", err
	}
	token := NewToken("door")
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		if err := actionExists(tx, action); err != nil {
			return nil, err
		}
		res, err := tx.Exec(`INSERT INTO doors (action_id, name, token_hash, created_at, token_version, change_id)
			VALUES (?, ?, ?, ?, 1, ?)`, action, d.Name, HashToken(token), formatTime(d.Created), newChangeID())
		if err != nil {
			return nil, fmt.Errorf("insert door: %w", err)
		}
		d.ID, err = res.LastInsertId()
		return nil, err
	})
	return d, token, err
}

// DoorByToken returns the door holding a bearer token; a revoked door comes
// back with Revoked set so the caller can say so. It answers from the token
// cache while nothing was committed since the token was last looked up.
func (s *Store) DoorByToken(ctx context.Context, token string) (Door, error) {
	return cachedByToken(s.tokens, s.tokens.doors, token, func(hash string) (Door, error) {
		return s.doorByHash(ctx, hash)
	})
}

// doorByHash reads the door whose token hashes to hash.
func (s *Store) doorByHash(ctx context.Context, hash string) (Door, error) {
	var d Door
	var created string
	var revoked sql.NullString
	err := s.read.QueryRowContext(ctx, `SELECT id, action_id, name, created_at, revoked_at FROM doors WHERE token_hash = ?`,
		hash).Scan(&d.ID, &d.Action, &d.Name, &created, &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return d, ErrNotFound
	}
	if err != nil {
		return d, fmt.Errorf("look up door: %w", err)
	}
	d.Created = parseTime(created)
	d.Revoked = nullTime(revoked)
	return d, nil
}

// Doors lists an action's doors with how many check-ins each recorded, what
// each phone last reported and whether it is silent (see SilentAfter).
func (s *Store) Doors(ctx context.Context, action int64) ([]Door, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT d.id, d.action_id, d.name, d.created_at, d.revoked_at,
		(SELECT count(*) FROM checkins c WHERE c.door_id = d.id AND c.undone_at IS NULL),
		d.last_seen_at, d.queued
		FROM doors d WHERE d.action_id = ? ORDER BY d.id`, action)
	if err != nil {
		return nil, fmt.Errorf("list doors: %w", err)
	}
	defer rows.Close()
	out := []Door{}
	for rows.Next() {
		var d Door
		var created string
		var revoked, seen sql.NullString
		if err := rows.Scan(&d.ID, &d.Action, &d.Name, &created, &revoked, &d.Scans, &seen, &d.Queued); err != nil {
			return nil, fmt.Errorf("list doors: %w", err)
		}
		d.Created = parseTime(created)
		d.Revoked = nullTime(revoked)
		d.LastSeen = nullTime(seen)
		d.setState(s.now())
		out = append(out, d)
	}
	return out, rows.Err()
}

// RevokeDoor withdraws a door's token; its next request is refused, on
// every node of a network once the revocation reached it.
func (s *Store) RevokeDoor(ctx context.Context, action, door int64) error {
	return s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		d, err := doorInTx(tx, door)
		if err != nil || d.Action != action {
			return nil, fmt.Errorf("door %d: %w", door, ErrNotFound)
		}
		if d.Revoked != nil {
			return nil, nil
		}
		return nil, changeToken(tx, door, "", true, formatTime(s.now()))
	})
}

// MaxQueued bounds the unsent count a phone may report.
const MaxQueued = 1_000_000

// DoorContact records that a door's phone called in, with how many scans it
// still holds unsent.
func (s *Store) DoorContact(ctx context.Context, door int64, queued int) error {
	queued = min(max(queued, 0), MaxQueued)
	return s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		_, err := tx.Exec(`UPDATE doors SET last_seen_at = ?, queued = ? WHERE id = ?`,
			formatTime(s.now()), queued, door)
		if err != nil {
			return nil, fmt.Errorf("door contact: %w", err)
		}
		return nil, nil
	})
}

// doorInTx reads a door inside a write, or ErrNotFound.
func doorInTx(tx *sql.Tx, id int64) (Door, error) {
	d := Door{ID: id}
	var created string
	var revoked sql.NullString
	err := tx.QueryRow(`SELECT action_id, name, created_at, revoked_at FROM doors WHERE id = ?`, id).
		Scan(&d.Action, &d.Name, &created, &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("door %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return d, fmt.Errorf("look up door: %w", err)
	}
	d.Created, d.Revoked = parseTime(created), nullTime(revoked)
	return d, nil
}
