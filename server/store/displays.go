package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Display is a read-only credential for a projector, scoped to one action.
type Display struct {
	ID     int64 `json:"id"`
	Action int64 `json:"action"`
}

// CreateDisplay adds a read-only display token to an action.
func (s *Store) CreateDisplay(ctx context.Context, action int64) (Display, string, error) {
	d := Display{Action: action}
	token := NewToken("disp")
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		if err := actionExists(tx, action); err != nil {
			return nil, err
		}
		res, err := tx.Exec(`INSERT INTO displays (action_id, token_hash) VALUES (?, ?)`, action, HashToken(token))
		if err != nil {
			return nil, fmt.Errorf("insert display: %w", err)
		}
		d.ID, err = res.LastInsertId()
		return nil, err
	})
	return d, token, err
}

// DisplayByToken returns the live display holding a token, or ErrNotFound.
func (s *Store) DisplayByToken(ctx context.Context, token string) (Display, error) {
	var d Display
	err := s.read.QueryRowContext(ctx, `SELECT id, action_id FROM displays WHERE token_hash = ? AND revoked_at IS NULL`,
		HashToken(token)).Scan(&d.ID, &d.Action)
	if errors.Is(err, sql.ErrNoRows) {
		return d, ErrNotFound
	}
	if err != nil {
		return d, fmt.Errorf("look up display: %w", err)
	}
	return d, nil
}
