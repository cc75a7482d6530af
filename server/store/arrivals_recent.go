package store

import (
	"context"
	"fmt"
	"time"
)

// RecentArrival is how many people of one institution were among the latest
// arrivals at an action: an institution's name and a count, never a person.
type RecentArrival struct {
	Institution Ref       `json:"institution"`
	Count       int       `json:"count"`
	At          time.Time `json:"at"` // the latest of them
}

// RecentArrivals takes the last n arrivals in force (a check-in by its scan
// time is one person, a headcount is as many as it counted), groups them by
// institution, newest first, and returns at most max institutions.
func (s *Store) RecentArrivals(ctx context.Context, action int64, n, max int) ([]RecentArrival, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT r.institution_id, i.name, sum(r.n), max(r.at) FROM (
			SELECT institution_id, 1 AS n, scanned_at AS at FROM checkins WHERE action_id = ?1 AND undone_at IS NULL
			UNION ALL
			SELECT institution_id, count, recorded_at FROM headcounts WHERE action_id = ?1 AND undone_at IS NULL
			ORDER BY at DESC LIMIT ?2) r
		JOIN institutions i ON i.id = r.institution_id
		GROUP BY r.institution_id ORDER BY max(r.at) DESC LIMIT ?3`, action, n, max)
	if err != nil {
		return nil, fmt.Errorf("recent arrivals of action %d: %w", action, err)
	}
	defer rows.Close()
	out := []RecentArrival{}
	for rows.Next() {
		var r RecentArrival
		var at string
		if err := rows.Scan(&r.Institution.ID, &r.Institution.Name, &r.Count, &at); err != nil {
			return nil, fmt.Errorf("recent arrivals of action %d: %w", action, err)
		}
		r.At = parseTime(at)
		out = append(out, r)
	}
	return out, rows.Err()
}
