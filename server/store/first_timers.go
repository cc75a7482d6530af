package store

import (
	"context"
	"database/sql"
	"fmt"
)

// A leader's first action is the earliest action (by date, then id) at which
// they were counted present: a check-in in force (scan, paper, walk-in) or a
// presence a purge kept in purged_firsts. A headcount counts no one by name,
// so it makes no first-timer. At one action a purged presence comes before a
// check-in made after the purge, which therefore is not a first time again.

// firstsCTE names, as "firsts", every check-in in force that was its
// leader's first presence: action_id, institution_id (as at check-in),
// leader_id. Queries start "WITH" it and go on with their own.
const firstsCTE = `WITH
	ranked AS (SELECT k.leader_id, k.action_id, k.institution_id,
		a.date || printf('%012d', a.id) || '1' AS key
		FROM checkins k JOIN actions a ON a.id = k.action_id WHERE k.undone_at IS NULL),
	earliest AS (SELECT leader_id, min(key) AS key FROM (
		SELECT leader_id, key FROM ranked
		UNION ALL SELECT f.leader_id, a.date || printf('%012d', a.id) || '0'
			FROM purged_firsts f JOIN actions a ON a.id = f.action_id)
		GROUP BY leader_id),
	firsts AS (SELECT r.action_id, r.institution_id, r.leader_id FROM ranked r
		JOIN earliest e ON e.leader_id = r.leader_id AND e.key = r.key)`

// Presence is a leader counted present at an action at an institution;
// Institution 0 for a presence kept by a purge.
type Presence struct {
	Leader, Action, Institution int64
}

// ActionOrder gives every action a key that sorts actions in time: its date,
// then its id.
func (s *Store) ActionOrder(ctx context.Context) (map[int64]string, error) {
	out := map[int64]string{}
	err := eachRow(ctx, s.read, `SELECT id, date || printf('%012d', id) FROM actions`, func(rows *sql.Rows) error {
		var id int64
		var key string
		err := rows.Scan(&id, &key)
		out[id] = key
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("order actions: %w", err)
	}
	return out, nil
}

// Presences lists every check-in in force and every presence a purge kept,
// for the live index of first-timers.
func (s *Store) Presences(ctx context.Context) ([]Presence, error) {
	var out []Presence
	err := eachRow(ctx, s.read, `SELECT leader_id, action_id, institution_id FROM checkins WHERE undone_at IS NULL
		UNION ALL SELECT leader_id, action_id, 0 FROM purged_firsts`, func(rows *sql.Rows) error {
		var p Presence
		err := rows.Scan(&p.Leader, &p.Action, &p.Institution)
		out = append(out, p)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("presences: %w", err)
	}
	return out, nil
}

// PurgedFirstTimes is, per institution, the first-timers an action had when
// its check-ins were purged.
func (s *Store) PurgedFirstTimes(ctx context.Context, action int64) (map[int64]int, error) {
	out := map[int64]int{}
	err := eachRow(ctx, s.read, `SELECT institution_id, first_time FROM purged_counts WHERE action_id = ? AND first_time > 0`,
		func(rows *sql.Rows) error {
			var inst int64
			var n int
			err := rows.Scan(&inst, &n)
			out[inst] = n
			return err
		}, action)
	if err != nil {
		return nil, fmt.Errorf("purged first-timers of action %d: %w", action, err)
	}
	return out, nil
}

// FirstTimes is, per institution, the first-timers at an action as SQL
// counts them from the raw tables, purged ones included: what the live
// index must agree with.
func (s *Store) FirstTimes(ctx context.Context, action int64) (map[int64]int, error) {
	out := map[int64]int{}
	err := eachRow(ctx, s.read, firstsCTE+`
		SELECT id, sum(n) FROM (
			SELECT institution_id AS id, count(*) AS n FROM firsts WHERE action_id = ?1 GROUP BY institution_id
			UNION ALL SELECT institution_id, first_time FROM purged_counts WHERE action_id = ?1)
		GROUP BY id HAVING sum(n) > 0`, func(rows *sql.Rows) error {
		var inst int64
		var n int
		err := rows.Scan(&inst, &n)
		out[inst] = n
		return err
	}, action)
	if err != nil {
		return nil, fmt.Errorf("first-timers of action %d: %w", action, err)
	}
	return out, nil
}
