package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Display is a read-only credential for a projector, scoped to one action.
type Display struct {
	ID      int64      `json:"id"`
	Action  int64      `json:"action"`
	Created time.Time  `json:"created_at"`
	Revoked *time.Time `json:"revoked_at,omitempty"`
}

// CreateDisplay adds a read-only display token to an action.
func (s *Store) CreateDisplay(ctx context.Context, action int64) (Display, string, error) {
	d := Display{Action: action, Created: s.stamp()}
	token := NewToken("disp")
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		if err := actionExists(tx, action); err != nil {
			return nil, err
		}
		res, err := tx.Exec(`INSERT INTO displays (action_id, token_hash, created_at) VALUES (?, ?, ?)`,
			action, HashToken(token), formatTime(d.Created))
		if err != nil {
			return nil, fmt.Errorf("insert display: %w", err)
		}
		d.ID, err = res.LastInsertId()
		return nil, err
	})
	return d, token, err
}

// DisplayByToken returns the display holding a token, or ErrNotFound; a
// revoked display comes back with Revoked set so the caller can say so. It
// answers from the token cache while nothing was committed since the token
// was last looked up.
func (s *Store) DisplayByToken(ctx context.Context, token string) (Display, error) {
	return cachedByToken(s.tokens, s.tokens.displays, token, func(hash string) (Display, error) {
		return s.displayByHash(ctx, hash)
	})
}

// displayByHash reads the display whose token hashes to hash.
func (s *Store) displayByHash(ctx context.Context, hash string) (Display, error) {
	d, err := scanDisplay(s.read.QueryRowContext(ctx, `SELECT `+displayCols+` FROM displays WHERE token_hash = ?`, hash))
	if errors.Is(err, sql.ErrNoRows) {
		return d, ErrNotFound
	}
	if err != nil {
		return d, fmt.Errorf("look up display: %w", err)
	}
	return d, nil
}

// Displays lists an action's displays, oldest first, revoked ones too.
func (s *Store) Displays(ctx context.Context, action int64) ([]Display, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+displayCols+` FROM displays WHERE action_id = ? ORDER BY id`, action)
	if err != nil {
		return nil, fmt.Errorf("list displays: %w", err)
	}
	defer rows.Close()
	out := []Display{}
	for rows.Next() {
		d, err := scanDisplay(rows)
		if err != nil {
			return nil, fmt.Errorf("list displays: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// RevokeDisplay withdraws a display's token; its next request is refused.
// Revoking it again keeps the first time.
func (s *Store) RevokeDisplay(ctx context.Context, action, display int64) error {
	return s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		res, err := tx.Exec(`UPDATE displays SET revoked_at = coalesce(revoked_at, ?) WHERE id = ? AND action_id = ?`,
			formatTime(s.now()), display, action)
		if err != nil {
			return nil, fmt.Errorf("revoke display: %w", err)
		}
		return nil, affected(res, "display", display)
	})
}

const displayCols = `id, action_id, created_at, revoked_at`

func scanDisplay(row interface{ Scan(...any) error }) (Display, error) {
	var d Display
	var created string
	var revoked sql.NullString
	err := row.Scan(&d.ID, &d.Action, &created, &revoked)
	d.Created, d.Revoked = parseTime(created), nullTime(revoked)
	return d, err
}
