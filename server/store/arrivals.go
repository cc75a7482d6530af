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

// The arrivals in force at :action, of the whole action or (hall…) of one
// venue's hall: the latest :n of them, and their count by the minute.
const (
	latestSQL           = latestFrom + inForce + latestHeadcounts + inForce + latestLast
	hallLatestSQL       = latestFrom + inForce + inHall + latestHeadcounts + inForce + inHall + latestLast
	perMinuteSQL        = perMinuteFrom + inForce + perMinuteHeadcounts + inForce + perMinuteLast
	hallPerMinuteSQL    = perMinuteFrom + inForce + inHall + perMinuteHeadcounts + inForce + inHall + perMinuteLast
	inForce             = ` WHERE action_id = :action AND undone_at IS NULL`
	latestFrom          = `SELECT client_id, institution_id, n, at FROM (SELECT client_id, institution_id, 1 AS n, scanned_at AS at FROM checkins`
	latestHeadcounts    = ` UNION ALL SELECT client_id, institution_id, count, recorded_at FROM headcounts`
	latestLast          = ` ORDER BY at DESC LIMIT :n) ORDER BY at`
	perMinuteFrom       = `SELECT m, sum(n) FROM (SELECT substr(scanned_at, 1, 16) AS m, 1 AS n FROM checkins`
	perMinuteHeadcounts = ` UNION ALL SELECT substr(recorded_at, 1, 16), count FROM headcounts`
	perMinuteLast       = `) GROUP BY m`
)

// LatestArrivals returns the action's latest n arrivals in force, oldest
// first, and whether they are all of them: what the live tally keeps to
// show the latest arrivals without reading every check-in again.
func (s *Store) LatestArrivals(ctx context.Context, action int64, n int) ([]Arrival, bool, error) {
	var out []Arrival
	err := eachRow(ctx, s.read, latestSQL, scanArrival(&out), sql.Named("action", action), sql.Named("n", n+1))
	if err != nil {
		return nil, false, fmt.Errorf("latest arrivals of action %d: %w", action, err)
	}
	return latestOf(out, n)
}

// scanArrival reads one row of latestSQL into *out.
func scanArrival(out *[]Arrival) func(*sql.Rows) error {
	return func(rows *sql.Rows) error {
		var a Arrival
		var at string
		err := rows.Scan(&a.Ref, &a.Institution, &a.Count, &at)
		a.At = parseTime(at)
		*out = append(*out, a)
		return err
	}
}

// latestOf keeps the latest n of arrivals read with a limit of n+1, and
// tells whether they are all.
func latestOf(arrivals []Arrival, n int) ([]Arrival, bool, error) {
	if len(arrivals) > n { // one more than asked: they are not all
		return arrivals[1:], false, nil
	}
	return arrivals, true, nil
}

// ArrivalsPerMinute counts the action's arrivals in force by the minute
// they happened in, as Arrivals does with a width of a minute, for less:
// it groups the times as text, to the minute.
func (s *Store) ArrivalsPerMinute(ctx context.Context, action int64) (map[time.Time]int, error) {
	out := map[time.Time]int{}
	if err := eachRow(ctx, s.read, perMinuteSQL, scanMinute(out), sql.Named("action", action)); err != nil {
		return nil, fmt.Errorf("arrivals per minute of action %d: %w", action, err)
	}
	return out, nil
}

// scanMinute adds one row of perMinuteSQL to out.
func scanMinute(out map[time.Time]int) func(*sql.Rows) error {
	return func(rows *sql.Rows) error {
		var minute string
		var n int
		err := rows.Scan(&minute, &n)
		out[parseTime(minute+":00Z")] += n
		return err
	}
}
