package store

import (
	"context"
	"fmt"
)

// VenueCount is the part of an action's turnout recorded at one node of a
// network: its check-ins and headcounts in force.
type VenueCount struct {
	Node    string `json:"node"`
	Present int    `json:"present"`
}

// VenueCounts splits an action's turnout by the node that recorded each
// check-in and headcount, this node's own under its own name ("" on a
// single node), by name.
func (s *Store) VenueCounts(ctx context.Context, action int64) ([]VenueCount, error) {
	self, _, err := s.Self(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.read.QueryContext(ctx, `SELECT node, sum(n) FROM (
		SELECT coalesce(origin, ?2) AS node, count(*) AS n FROM checkins
			WHERE action_id = ?1 AND undone_at IS NULL GROUP BY 1
		UNION ALL SELECT coalesce(origin, ?2), sum(count) FROM headcounts
			WHERE action_id = ?1 AND undone_at IS NULL GROUP BY 1)
		GROUP BY node ORDER BY node`, action, self)
	if err != nil {
		return nil, fmt.Errorf("venue counts: %w", err)
	}
	defer rows.Close()
	out := []VenueCount{}
	for rows.Next() {
		var v VenueCount
		if err := rows.Scan(&v.Node, &v.Present); err != nil {
			return nil, fmt.Errorf("venue counts: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
