package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// A door's token changes where the phone is: made, paired by QR, re-paired
// or revoked at the hub, at a venue or at a standby. On a node of a network
// each change is a write that travels like a check-in (up, then across to
// every node that shares the action), so every node holds the door's
// current token only: an earlier one, re-paired away or revoked, is refused
// everywhere. A door carries a uid the same on every node and a version;
// each change here makes the next version under a change id of its own.
// Of two changes made apart, the higher version wins, the larger change id
// breaks a tie, and a revocation stays whatever arrives after it: every
// node decides the same way whatever order the changes reach it in.

// WriteDoor is a door as one change of its token left it, as it travels.
type WriteDoor struct {
	UID       string `json:"uid"`
	Name      string `json:"name"`
	TokenHash string `json:"token_hash"`
	Version   int64  `json:"version"`
	Revoked   bool   `json:"revoked,omitempty"`
}

// newChangeID names one change of a door's token on every node.
func newChangeID() string { return strings.ToLower(randomBase32(26)) }

// changeToken gives the door a new token hash (hash "" keeps it) and, when
// revoke, revokes it: the door's next version, under a new change id.
func changeToken(tx *sql.Tx, door int64, hash string, revoke bool, now string) error {
	var revoked any
	if revoke {
		revoked = now
	}
	_, err := tx.Exec(`UPDATE doors SET token_hash = coalesce(nullif(?, ''), token_hash),
		revoked_at = coalesce(revoked_at, ?), token_version = token_version + 1, change_id = ? WHERE id = ?`,
		hash, revoked, newChangeID(), door)
	if err != nil {
		return fmt.Errorf("change door token: %w", err)
	}
	return nil
}

func (s *Store) fillDoor(ctx context.Context, w *Write) error {
	var at string
	d := WriteDoor{}
	err := s.read.QueryRowContext(ctx, `SELECT a.uid, d.uid, d.name, d.token_hash, d.token_version,
		d.revoked_at IS NOT NULL, coalesce(d.revoked_at, d.created_at)
		FROM doors d JOIN actions a ON a.id = d.action_id WHERE d.change_id = ?`, w.ID).
		Scan(&w.Action, &d.UID, &d.Name, &d.TokenHash, &d.Version, &d.Revoked, &at)
	w.At, w.Token = parseTime(at), &d
	return err // sql.ErrNoRows: changed again since, and that change goes out too
}

// applyDoor takes another node's change of a door's token, once: a change
// that is not newer than the door here changes nothing, but a revocation.
func applyDoor(tx *sql.Tx, w Write, action int64) ([]Event, error) {
	if w.Token == nil || w.Token.UID == "" || w.Token.TokenHash == "" {
		return nil, invalid("token", "missing")
	}
	return nil, takeDoor(tx, action, w.ID, *w.Token, formatTime(w.At))
}

// takeDoor brings the door with d's uid to d, by the rule above, at the
// action; change is d's change id, at when it was made.
func takeDoor(tx *sql.Tx, action int64, change string, d WriteDoor, at string) error {
	var id, version int64
	var uid, have string
	var revoked sql.NullString
	// By uid; else a door here with the same token, which came down before
	// doors had uids: it is the same door.
	err := tx.QueryRow(`SELECT id, coalesce(uid, ''), token_version, coalesce(change_id, ''), revoked_at FROM doors
		WHERE uid = ?1 OR token_hash = ?2 ORDER BY uid = ?1 DESC LIMIT 1`, d.UID, d.TokenHash).
		Scan(&id, &uid, &version, &have, &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return insertDoor(tx, action, change, d, at)
	}
	if err != nil {
		return fmt.Errorf("look up door %s: %w", d.UID, err)
	}
	if uid != d.UID {
		version, have = -1, ""
	}
	var revokedAt any
	if d.Revoked {
		revokedAt = at
	}
	if d.Version < version || d.Version == version && change <= have {
		if !d.Revoked || revoked.Valid {
			return nil // this node holds that change or a later one
		}
		_, err = tx.Exec(`UPDATE doors SET revoked_at = ? WHERE id = ?`, at, id)
		return wrapErr("revoke door", err)
	}
	_, err = tx.Exec(`UPDATE doors SET uid = ?, action_id = ?, name = ?, token_hash = ?, token_version = ?,
		change_id = ?, revoked_at = coalesce(revoked_at, ?) WHERE id = ?`,
		d.UID, action, d.Name, d.TokenHash, d.Version, change, revokedAt, id)
	return wrapErr("change door token", err)
}

func insertDoor(tx *sql.Tx, action int64, change string, d WriteDoor, at string) error {
	var revoked any
	if d.Revoked {
		revoked = at
	}
	_, err := tx.Exec(`INSERT INTO doors (action_id, name, token_hash, uid, token_version, change_id, created_at, revoked_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, action, d.Name, d.TokenHash, d.UID, d.Version, change, at, revoked)
	return wrapErr("insert door", err)
}

// wrapErr wraps a non-nil err with what failed.
func wrapErr(what string, err error) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}
