package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// PeerLink is one link of this node as the running server last saw it.
type PeerLink struct {
	Name       string    `json:"name"`
	Role       string    `json:"role"` // "parent": the node this one joined; "child": one that joined it
	Up         bool      `json:"up"`
	Refused    bool      `json:"refused"` // down: the parent refuses this node's secret
	Since      time.Time `json:"since"`
	WaitingOut int64     `json:"waiting_out"` // writes not yet sent along the link
	WaitingIn  int64     `json:"waiting_in"`  // writes received, not yet applied
	SeenAt     time.Time `json:"seen_at"`
}

// SaveLinks replaces the recorded state of every link.
func (s *Store) SaveLinks(ctx context.Context, links []PeerLink) error {
	return s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		if _, err := tx.Exec(`DELETE FROM peer_links`); err != nil {
			return nil, fmt.Errorf("save links: %w", err)
		}
		for _, l := range links {
			_, err := tx.Exec(`INSERT INTO peer_links (name, role, up, refused, since, waiting_out, waiting_in, seen_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, l.Name, l.Role, l.Up, l.Refused, formatTime(l.Since),
				l.WaitingOut, l.WaitingIn, formatTime(l.SeenAt))
			if err != nil {
				return nil, fmt.Errorf("save link %s: %w", l.Name, err)
			}
		}
		return nil, nil
	})
}

// PeerLinks is every link as last recorded, by role then name.
func (s *Store) PeerLinks(ctx context.Context) ([]PeerLink, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT name, role, up, refused, since, waiting_out, waiting_in, seen_at
		FROM peer_links ORDER BY role DESC, name`)
	if err != nil {
		return nil, fmt.Errorf("list links: %w", err)
	}
	defer rows.Close()
	out := []PeerLink{}
	for rows.Next() {
		var l PeerLink
		var since, seen string
		if err := rows.Scan(&l.Name, &l.Role, &l.Up, &l.Refused, &since, &l.WaitingOut, &l.WaitingIn, &seen); err != nil {
			return nil, fmt.Errorf("list links: %w", err)
		}
		l.Since, l.SeenAt = parseTime(since), parseTime(seen)
		out = append(out, l)
	}
	return out, rows.Err()
}
