package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// A venue's projector shows its own hall's arrivals: those made at a node
// that counts in its venue, as HallCounts reckons them.

// inHall keeps the arrivals made at a node of :venue (:self for this
// node's own), on a check-in's or a headcount's own columns.
const inHall = ` AND coalesce((SELECT venue FROM peer_nodes WHERE name = coalesce(origin, :self)),
	coalesce(origin, :self)) = :venue`

// HallArrivalsPerMinute is ArrivalsPerMinute for one venue's hall.
func (s *Store) HallArrivalsPerMinute(ctx context.Context, action int64, venue string) (map[time.Time]int, error) {
	self, _, err := s.Self(ctx)
	if err != nil {
		return nil, err
	}
	out := map[time.Time]int{}
	err = eachRow(ctx, s.read, hallPerMinuteSQL, scanMinute(out),
		sql.Named("action", action), sql.Named("self", self), sql.Named("venue", venue))
	if err != nil {
		return nil, fmt.Errorf("arrivals per minute at %s of action %d: %w", venue, action, err)
	}
	return out, nil
}

// HallLatestArrivals is LatestArrivals for one venue's hall.
func (s *Store) HallLatestArrivals(ctx context.Context, action int64, venue string, n int) ([]Arrival, bool, error) {
	self, _, err := s.Self(ctx)
	if err != nil {
		return nil, false, err
	}
	var out []Arrival
	err = eachRow(ctx, s.read, hallLatestSQL, scanArrival(&out),
		sql.Named("action", action), sql.Named("self", self), sql.Named("venue", venue), sql.Named("n", n+1))
	if err != nil {
		return nil, false, fmt.Errorf("latest arrivals at %s of action %d: %w", venue, action, err)
	}
	return latestOf(out, n)
}
