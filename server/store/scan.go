package store

import (
	"context"
	"fmt"
)

// RawScan reads every check-in row once and counts them: the baseline the
// tally rebuild is measured against. Only benchmarks of package server call
// it; it stays exported until they scan through a connection of their own.
func (s *Store) RawScan(ctx context.Context, n *int) error {
	rows, err := s.read.QueryContext(ctx, `SELECT institution_id FROM checkins`)
	if err != nil {
		return fmt.Errorf("scan check-ins: %w", err)
	}
	defer rows.Close()
	*n = 0
	var inst int64
	for rows.Next() {
		if err := rows.Scan(&inst); err != nil {
			return fmt.Errorf("scan check-ins: %w", err)
		}
		*n++
	}
	return rows.Err()
}
