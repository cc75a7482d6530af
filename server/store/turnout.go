package store

import (
	"context"
	"fmt"
	"time"
)

// Count is one institution's numbers at an action, as SQL computes them.
type Count struct {
	Institution Ref
	Chapter     Ref
	Committed   int
	CheckedIn   int // leaders checked in and not undone (distinct by the checkins_once index), walk-ins included
	Headcount   int // bulk counts not undone
}

// Counts returns every institution's numbers at an action, ordered by chapter
// then institution name. It is the ground truth the live tally starts from.
func (s *Store) Counts(ctx context.Context, action int64) ([]Count, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT i.id, i.name, c.id, c.name,
		coalesce((SELECT number FROM commitments m WHERE m.action_id = ?1 AND m.institution_id = i.id), 0),
		(SELECT count(*) FROM checkins k WHERE k.action_id = ?1 AND k.institution_id = i.id AND k.undone_at IS NULL),
		coalesce((SELECT sum(count) FROM headcounts h WHERE h.action_id = ?1 AND h.institution_id = i.id AND h.undone_at IS NULL), 0)
		FROM institutions i JOIN chapters c ON c.id = i.chapter_id
		ORDER BY c.name COLLATE NOCASE, c.id, i.name COLLATE NOCASE, i.id`, action)
	if err != nil {
		return nil, fmt.Errorf("counts for action %d: %w", action, err)
	}
	defer rows.Close()
	var out []Count
	for rows.Next() {
		var c Count
		err := rows.Scan(&c.Institution.ID, &c.Institution.Name, &c.Chapter.ID, &c.Chapter.Name,
			&c.Committed, &c.CheckedIn, &c.Headcount)
		if err != nil {
			return nil, fmt.Errorf("counts for action %d: %w", action, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

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
