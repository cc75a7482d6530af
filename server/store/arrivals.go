package store

import (
	"context"
	"fmt"
	"time"
)

// Bucket is how many people arrived at an action in one interval of time.
type Bucket struct {
	At    time.Time `json:"at"` // the start of the interval
	Count int       `json:"count"`
}

// Arrivals counts an action's arrivals per interval of width, oldest first,
// leaving out empty intervals: each check-in in force at the time it was
// scanned, each headcount in force at the time it was recorded. Counts only.
func (s *Store) Arrivals(ctx context.Context, action int64, width time.Duration) ([]Bucket, error) {
	secs := int64(width / time.Second)
	if secs < 1 {
		return nil, fmt.Errorf("arrivals: width %s under a second", width)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT b, sum(n) FROM (
		SELECT (CAST(strftime('%s', scanned_at) AS INTEGER) / ?2) * ?2 AS b, 1 AS n
			FROM checkins WHERE action_id = ?1 AND undone_at IS NULL
		UNION ALL
		SELECT (CAST(strftime('%s', recorded_at) AS INTEGER) / ?2) * ?2, count
			FROM headcounts WHERE action_id = ?1 AND undone_at IS NULL)
		GROUP BY b ORDER BY b`, action, secs)
	if err != nil {
		return nil, fmt.Errorf("arrivals of action %d: %w", action, err)
	}
	defer rows.Close()
	out := []Bucket{}
	for rows.Next() {
		var unix int64
		var b Bucket
		if err := rows.Scan(&unix, &b.Count); err != nil {
			return nil, fmt.Errorf("arrivals of action %d: %w", action, err)
		}
		b.At = time.Unix(unix, 0).UTC()
		out = append(out, b)
	}
	return out, rows.Err()
}
