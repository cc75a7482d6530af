package store

import (
	"context"
	"database/sql"
	"fmt"
)

// EditableHere reports, as ErrEditedAtHub, that this node has a parent:
// the roster, actions and commitments are authored at the hub (or at a
// node alone) and flow down, so they are not edited here. The writes of
// the day (check-ins, walk-ins, paper entries, headcounts) flow up and stay
// allowed everywhere.
func (s *Store) EditableHere(ctx context.Context) error {
	return editableHere(ctx, s.read)
}

func editableHere(ctx context.Context, q rowQuerier) error {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM peer_self WHERE parent <> ''`).Scan(&n)
	if err != nil {
		return fmt.Errorf("read self: %w", err)
	}
	if n > 0 {
		return ErrEditedAtHub
	}
	return nil
}

// editableIn is editableHere inside a write's transaction.
func editableIn(tx *sql.Tx) error { return editableHere(context.Background(), tx) }
