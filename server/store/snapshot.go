package store

import (
	"context"
	"database/sql"
	"fmt"
)

// snapshot is a read pool connection inside a deferred transaction, so that
// every query of a report or a plan sees the same committed state. (The pool's
// connections start transactions IMMEDIATE, a write lock a read-only
// connection may not take; this one starts its own.)
type snapshot struct {
	*sql.Conn
}

// readSnapshot runs fn with a snapshot of the database.
func (s *Store) readSnapshot(ctx context.Context, fn func(q snapshot) error) error {
	conn, err := s.read.Conn(ctx)
	if err != nil {
		return fmt.Errorf("read snapshot: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN DEFERRED`); err != nil {
		return fmt.Errorf("read snapshot: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`)
	return fn(snapshot{conn})
}
