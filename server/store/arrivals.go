package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Arrival is one arrival in force at an action: a check-in (one person, at
// its scan time) or a headcount (as many as it counted, when recorded), by
// its client id.
type Arrival struct {
	Ref         string
	Institution int64
	Count       int
	At          time.Time
}

// LatestArrivals returns the action's latest n arrivals in force, oldest
// first, and whether they are all of them: what the live tally keeps to
// show the latest arrivals without reading every check-in again.
func (s *Store) LatestArrivals(ctx context.Context, action int64, n int) ([]Arrival, bool, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT client_id, institution_id, n, at FROM (
			SELECT client_id, institution_id, 1 AS n, scanned_at AS at FROM checkins WHERE action_id = ?1 AND undone_at IS NULL
			UNION ALL
			SELECT client_id, institution_id, count, recorded_at FROM headcounts WHERE action_id = ?1 AND undone_at IS NULL
			ORDER BY at DESC LIMIT ?2)
		ORDER BY at`, action, n+1)
	if err != nil {
		return nil, false, fmt.Errorf("latest arrivals of action %d: %w", action, err)
	}
	defer rows.Close()
	var out []Arrival
	for rows.Next() {
		var a Arrival
		var at string
		if err := rows.Scan(&a.Ref, &a.Institution, &a.Count, &at); err != nil {
			return nil, false, fmt.Errorf("latest arrivals of action %d: %w", action, err)
		}
		a.At = parseTime(at)
		out = append(out, a)
	}
	if len(out) > n { // one more than asked: they are not all
		return out[1:], false, rows.Err()
	}
	return out, true, rows.Err()
}

// ArrivalsPerMinute counts the action's arrivals in force by the minute
// they happened in, as Arrivals does with a width of a minute, for less:
// it groups the times as text, to the minute.
func (s *Store) ArrivalsPerMinute(ctx context.Context, action int64) (map[time.Time]int, error) {
	out := map[time.Time]int{}
	err := eachRow(ctx, s.read, `SELECT m, sum(n) FROM (
			SELECT substr(scanned_at, 1, 16) AS m, 1 AS n FROM checkins WHERE action_id = ?1 AND undone_at IS NULL
			UNION ALL
			SELECT substr(recorded_at, 1, 16), count FROM headcounts WHERE action_id = ?1 AND undone_at IS NULL)
		GROUP BY m`, func(rows *sql.Rows) error {
		var minute string
		var n int
		err := rows.Scan(&minute, &n)
		out[parseTime(minute+":00Z")] += n
		return err
	}, action)
	if err != nil {
		return nil, fmt.Errorf("arrivals per minute of action %d: %w", action, err)
	}
	return out, nil
}
