package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// LeadersAddedAt is, of the leaders with these uids, each one added at a
// door (a walk-in) or from a paper sheet: the uid of the action they were
// added at, by leader uid. Such a leader's roster record says who came to
// that action, so it flows only to the nodes that share it.
func (s *Store) LeadersAddedAt(ctx context.Context, uids []string) (map[string]string, error) {
	out := map[string]string{}
	if len(uids) == 0 {
		return out, nil
	}
	list, err := json.Marshal(uids)
	if err != nil {
		return nil, fmt.Errorf("leaders added at a door: %w", err)
	}
	err = eachRow(ctx, s.read, `SELECT l.uid, a.uid FROM answers r JOIN checkins c ON c.client_id = r.client_id
		JOIN leaders l ON l.id = c.leader_id JOIN actions a ON a.id = c.action_id
		WHERE r.kind IN ('walkin', 'paper_leader') AND l.uid IN (SELECT value FROM json_each(?))
		ORDER BY c.id DESC`, func(rows *sql.Rows) error {
		var leader, action string
		if err := rows.Scan(&leader, &action); err != nil {
			return err
		}
		out[leader] = action // the earliest, read last
		return nil
	}, string(list))
	if err != nil {
		return nil, fmt.Errorf("leaders added at a door: %w", err)
	}
	return out, nil
}

// SharePeer changes the actions the node called name may write to, and so
// receives: these, or every action when none is given. Its link and its
// secret stay as they are; the node's streams follow within seconds.
func (s *Store) SharePeer(ctx context.Context, name string, actions ...int64) error {
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		var n int
		if err := tx.QueryRow(`SELECT count(*) FROM peers WHERE name = ? AND revoked_at IS NULL`, name).Scan(&n); err != nil {
			return nil, fmt.Errorf("read peer: %w", err)
		}
		if n == 0 {
			return nil, ErrNotFound
		}
		return nil, sharePeer(tx, name, actions)
	})
	if err != nil {
		return fmt.Errorf("share with peer %s: %w", name, err)
	}
	return nil
}
