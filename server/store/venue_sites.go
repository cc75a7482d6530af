package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// VenueSites is what this node knows of the addresses of its venue's other
// node: a primary's standbys (revoked ones left out), or a standby's
// primary. Each holds origins ("https://192.0.2.10:8443"), as that node
// announced them.
type VenueSites struct {
	Primary  []string // the primary's origins, when this node is a standby
	Standbys []string // the standbys' origins, when this node has any
}

// SetStandby records whether the node called name joins this one as its
// standby: the doors paired here may send to it when this node does not
// answer.
func (s *Store) SetStandby(ctx context.Context, name string, standby bool) error {
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		r, err := tx.Exec(`UPDATE peers SET standby = ? WHERE name = ?`, standby, name)
		if err != nil {
			return nil, err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return nil, ErrNotFound
		}
		return nil, nil
	})
	if err != nil {
		return fmt.Errorf("set standby %s: %w", name, err)
	}
	return nil
}

// Standbys names the nodes that joined this one as its standby and are not
// revoked.
func (s *Store) Standbys(ctx context.Context) ([]string, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT name FROM peers WHERE standby = 1 AND revoked_at IS NULL ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("list standbys: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("list standbys: %w", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// SaveVenueSite keeps the origins node announced and what it is to this
// node, "primary" or "standby"; a role of "" forgets the node (this node is
// not, or no longer, its standby).
func (s *Store) SaveVenueSite(ctx context.Context, node, role string, origins []string) error {
	b, err := json.Marshal(origins)
	if err != nil {
		return fmt.Errorf("save venue site %s: %w", node, err)
	}
	return s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		if role == "" {
			_, err := tx.Exec(`DELETE FROM venue_sites WHERE node = ?`, node)
			return nil, err
		}
		_, err := tx.Exec(`INSERT INTO venue_sites (node, role, origins, seen_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (node) DO UPDATE SET role = excluded.role, origins = excluded.origins, seen_at = excluded.seen_at`,
			node, role, string(b), formatTime(s.stamp()))
		return nil, err
	})
}

// VenueSites reads what SaveVenueSite kept that still holds: the primary's
// while it is this node's parent, or while this node counts in its hall
// (a standby that joined the hub in its lost primary's place: a scanner
// left open at the primary's address still sends its queue here), a
// standby's only while it is an allowed standby. A single node answers
// none.
func (s *Store) VenueSites(ctx context.Context) (VenueSites, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT v.role, v.origins FROM venue_sites v
		WHERE (v.role = 'primary' AND v.node IN (SELECT parent FROM peer_self UNION SELECT venue FROM peer_self))
		   OR (v.role = 'standby' AND v.node IN (SELECT name FROM peers WHERE standby = 1 AND revoked_at IS NULL))
		ORDER BY v.node`)
	if err != nil {
		return VenueSites{}, fmt.Errorf("read venue sites: %w", err)
	}
	defer rows.Close()
	var out VenueSites
	for rows.Next() {
		var role, raw string
		var origins []string
		if err := rows.Scan(&role, &raw); err != nil {
			return VenueSites{}, fmt.Errorf("read venue sites: %w", err)
		}
		json.Unmarshal([]byte(raw), &origins)
		if role == "primary" {
			out.Primary = append(out.Primary, origins...)
		} else {
			out.Standbys = append(out.Standbys, origins...)
		}
	}
	return out, rows.Err()
}
