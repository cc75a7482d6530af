package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// A venue is a hall of a network's action, with its own doors and
// projector. The hub is its own venue, and so is a node that joined the
// hub; a standby belongs to the venue it joined, so its writes count in
// that hall. Every write carries its node's venue (Write.Venue), and each
// node keeps the venue of every node it heard from in peer_nodes.

// VenueCount is one venue's part of an action's turnout: its check-ins and
// headcounts in force, and the part of the goal it took on (0: none).
type VenueCount struct {
	Venue   string `json:"venue"`
	Present int    `json:"present"`
	Share   int    `json:"share,omitempty"`
}

// SetVenue records the venue this node counts in ("" or its own name: its
// own venue). Call it after SetSelf. Every action's board is loaded again
// (a structure event): a venue's screens show that venue's hall.
func (s *Store) SetVenue(ctx context.Context, venue string) error {
	return s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		var name string
		if err := tx.QueryRow(`SELECT name FROM peer_self`).Scan(&name); err != nil {
			return nil, fmt.Errorf("set venue: %w", err)
		}
		if venue == "" {
			venue = name
		}
		if _, err := tx.Exec(`UPDATE peer_self SET venue = ?`, venue); err != nil {
			return nil, fmt.Errorf("set venue: %w", err)
		}
		return []Event{{Kind: "structure"}}, noteVenue(tx, name, venue)
	})
}

// Venue is the venue this node counts in, and whether this node is the
// hub of a network; "" and false for a single node.
func (s *Store) Venue(ctx context.Context) (venue string, hub bool, err error) {
	err = s.read.QueryRowContext(ctx, `SELECT coalesce(venue, name), parent = '' FROM peer_self`).Scan(&venue, &hub)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("read venue: %w", err)
	}
	return venue, hub, nil
}

// noteVenue remembers that node counts in venue.
func noteVenue(tx *sql.Tx, node, venue string) error {
	if node == "" {
		return nil
	}
	if venue == "" {
		venue = node
	}
	_, err := tx.Exec(`INSERT INTO peer_nodes (name, venue) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET venue = excluded.venue WHERE venue <> excluded.venue`, node, venue)
	if err != nil {
		return fmt.Errorf("note venue of %s: %w", node, err)
	}
	return nil
}

// venueOfK and venueOfH are, in SQL, the venue of the check-in k and of
// the headcount h: its node's venue, or the node's name when its venue is
// not known. :self must be bound to this node's name.
const (
	venueOfK = `coalesce((SELECT venue FROM peer_nodes WHERE name = coalesce(k.origin, :self)), coalesce(k.origin, :self))`
	venueOfH = `coalesce((SELECT venue FROM peer_nodes WHERE name = coalesce(h.origin, :self)), coalesce(h.origin, :self))`
)

// presentByNode is, in SQL, the check-ins and headcounts in force at
// :action by institution (inst) and node (node, :self for this one's own).
const presentByNode = `SELECT institution_id AS inst, coalesce(origin, :self) AS node, count(*) AS n FROM checkins
		WHERE action_id = :action AND undone_at IS NULL GROUP BY 1, 2
	UNION ALL SELECT institution_id, coalesce(origin, :self), sum(count) FROM headcounts
		WHERE action_id = :action AND undone_at IS NULL GROUP BY 1, 2`

// VenueCounts splits an action's turnout by venue, by name: every venue
// with someone present, every venue that took on a share of the goal, and
// at the hub every node that may join it (but a standby of another
// venue's hall). A single node answers none.
func (s *Store) VenueCounts(ctx context.Context, action int64) ([]VenueCount, error) {
	self, _, err := s.Self(ctx)
	if err != nil || self == "" {
		return []VenueCount{}, err
	}
	// By node first, then each node's venue: one look-up per node, not per row.
	rows, err := s.read.QueryContext(ctx, `SELECT venue, sum(n), coalesce(max(share), 0) FROM (
		SELECT coalesce(p.venue, x.node) AS venue, x.n AS n, 0 AS share FROM (`+presentByNode+`) x
			LEFT JOIN peer_nodes p ON p.name = x.node
		UNION ALL SELECT venue, 0, share FROM venue_shares WHERE action_id = :action
		UNION ALL SELECT name, 0, 0 FROM peers WHERE revoked_at IS NULL
			AND EXISTS (SELECT 1 FROM peer_self WHERE parent = '')
			AND name NOT IN (SELECT name FROM peer_nodes WHERE venue <> name))
		GROUP BY venue ORDER BY venue`, sql.Named("action", action), sql.Named("self", self))
	if err != nil {
		return nil, fmt.Errorf("venue counts: %w", err)
	}
	defer rows.Close()
	out := []VenueCount{}
	for rows.Next() {
		var v VenueCount
		if err := rows.Scan(&v.Venue, &v.Present, &v.Share); err != nil {
			return nil, fmt.Errorf("venue counts: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// HallCounts is the turnout of one venue's hall at an action, by
// institution id: those with someone present there.
func (s *Store) HallCounts(ctx context.Context, action int64, venue string) (map[int64]int, error) {
	self, _, err := s.Self(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.read.QueryContext(ctx, `SELECT x.inst, sum(x.n) FROM (`+presentByNode+`) x
		LEFT JOIN peer_nodes p ON p.name = x.node WHERE coalesce(p.venue, x.node) = :venue
		GROUP BY 1`, sql.Named("action", action), sql.Named("self", self), sql.Named("venue", venue))
	if err != nil {
		return nil, fmt.Errorf("hall counts: %w", err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var inst int64
		var n int
		if err := rows.Scan(&inst, &n); err != nil {
			return nil, fmt.Errorf("hall counts: %w", err)
		}
		out[inst] = n
	}
	return out, rows.Err()
}

// SetVenueShare records the part of the action's goal a venue took on; 0
// removes it.
func (s *Store) SetVenueShare(ctx context.Context, action int64, venue string, share int) error {
	if err := CheckPeerName(venue); err != nil {
		return err
	}
	if share < 0 {
		return invalid("share", "0 or more")
	}
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		if err := actionExists(tx, action); err != nil {
			return nil, err
		}
		if _, err := tx.Exec(`DELETE FROM venue_shares WHERE action_id = ? AND venue = ?`, action, venue); err != nil {
			return nil, err
		}
		if share == 0 {
			return nil, nil
		}
		_, err := tx.Exec(`INSERT INTO venue_shares (action_id, venue, share) VALUES (?, ?, ?)`, action, venue, share)
		return nil, err
	})
	if err != nil {
		return fmt.Errorf("set share of %s: %w", venue, err)
	}
	return nil
}
