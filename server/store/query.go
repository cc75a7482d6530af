package store

import (
	"context"
	"database/sql"
	"fmt"
)

// querier is the read pool, a snapshot or a transaction: an import plan is
// made on a snapshot for a preview and again in the transaction that applies
// it.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// rowQuerier reads one row from the read pool or a snapshot.
type rowQuerier interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}

// eachRow runs a query and calls fn for every row.
func eachRow(ctx context.Context, q querier, query string, fn func(*sql.Rows) error, args ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("query: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return fmt.Errorf("scan: %w", err)
		}
	}
	return rows.Err()
}

// nullID writes a zero id (no door, no organizer) as NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
