package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// PairingTTL is how long a pairing link works: long enough to walk a phone
// over to the organizer's screen, short enough that a photo of it is useless.
const PairingTTL = 10 * time.Minute

// pairingLen is the length of a pairing code: 20 symbols, 100 random bits.
const pairingLen = 20

// Pairing is a one-time link that hands a door's token to a phone. The code
// is known only to the organizer who asked for it: the database keeps a hash.
type Pairing struct {
	Code    string    `json:"code"`
	Door    Door      `json:"door"`
	Expires time.Time `json:"expires_at"`
}

// CreatePairing makes a fresh pairing code for a door of the action. Earlier
// unclaimed codes of the door stop working.
func (s *Store) CreatePairing(ctx context.Context, action, door int64) (Pairing, error) {
	now := s.now().UTC()
	p := Pairing{Code: randomBase32(pairingLen), Expires: now.Add(PairingTTL)}
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		d, err := doorInTx(tx, door)
		if err != nil || d.Action != action {
			return nil, fmt.Errorf("door %d: %w", door, ErrNotFound)
		}
		if d.Revoked != nil {
			return nil, ErrDoorRevoked
		}
		p.Door = d
		if _, err := tx.Exec(`UPDATE door_pairings SET used_at = ? WHERE door_id = ? AND used_at IS NULL`,
			formatTime(now), door); err != nil {
			return nil, fmt.Errorf("retire pairings: %w", err)
		}
		_, err = tx.Exec(`INSERT INTO door_pairings (code_hash, door_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
			HashToken(p.Code), door, formatTime(now), formatTime(p.Expires))
		if err != nil {
			return nil, fmt.Errorf("insert pairing: %w", err)
		}
		return nil, nil
	})
	return p, err
}

// ClaimPairing exchanges a pairing code, once, for a new bearer token of its
// door. The door's earlier token stops working: a door is one phone.
func (s *Store) ClaimPairing(ctx context.Context, code string) (Door, string, error) {
	var d Door
	token := NewToken("door")
	now := s.now().UTC()
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		var door int64
		var expires string
		var used sql.NullString
		err := tx.QueryRow(`SELECT door_id, expires_at, used_at FROM door_pairings WHERE code_hash = ?`,
			HashToken(strings.ToUpper(strings.TrimSpace(code)))).Scan(&door, &expires, &used)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return nil, fmt.Errorf("pairing: %w", ErrNotFound)
		case err != nil:
			return nil, fmt.Errorf("look up pairing: %w", err)
		case used.Valid:
			return nil, ErrPairingUsed
		case !now.Before(parseTime(expires)):
			return nil, ErrPairingExpired
		}
		if d, err = doorInTx(tx, door); err != nil {
			return nil, err
		}
		if d.Revoked != nil {
			return nil, ErrDoorRevoked
		}
		return nil, claim(tx, code, door, token, now)
	})
	return d, token, err
}

func claim(tx *sql.Tx, code string, door int64, token string, now time.Time) error {
	if _, err := tx.Exec(`UPDATE door_pairings SET used_at = ? WHERE code_hash = ?`,
		formatTime(now), HashToken(strings.ToUpper(strings.TrimSpace(code)))); err != nil {
		return fmt.Errorf("use pairing: %w", err)
	}
	if _, err := tx.Exec(`UPDATE doors SET last_seen_at = ? WHERE id = ?`, formatTime(now), door); err != nil {
		return fmt.Errorf("set door token: %w", err)
	}
	return changeToken(tx, door, HashToken(token), false, formatTime(now))
}
