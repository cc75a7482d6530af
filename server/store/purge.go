package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// PurgeResult tells what purging an action removed.
type PurgeResult struct {
	Action   int64     `json:"action"`
	PurgedAt time.Time `json:"purged_at"`
	CheckIns int       `json:"checkins"` // check-in records removed, undone ones included
}

// PurgeAction removes an action's personal check-in data — which leader came,
// when to the second, through which door, who undid what — and keeps every
// number, in one transaction:
//
//   - the check-ins in force become headcounts of the same institutions, one
//     per minute they arrived in, stamped with that minute, so Counts, the
//     live tally and arrival curves by the minute give what they gave before;
//   - purged_counts keeps, per institution, how many were scanned, entered
//     from paper and walked in, so reports keep their split, and how many
//     came for the first time;
//   - purged_firsts keeps, for each leader present, this action if it is the
//     earliest purged one they came to, and nothing more: first-timers at
//     other actions stay what they were;
//   - the check-in rows, and every row that refers to one (walk-ins, the door
//     feed), are deleted; the stored answers to check-in ids keep only their
//     id, so a replay still changes nothing;
//   - the action's doors are revoked.
//
// The roster is untouched: leaders, walk-ins added at the door among them,
// stay for the next action. Purging again removes what came since.
func (s *Store) PurgeAction(ctx context.Context, action int64, by Actor) (PurgeResult, error) {
	res := PurgeResult{Action: action, PurgedAt: s.now().UTC().Truncate(time.Millisecond)}
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		if err := actionExists(tx, action); err != nil {
			return nil, err
		}
		if err := shareable(tx, action); err != nil {
			return nil, err
		}
		n, evs, err := purgeIn(tx, action, res.PurgedAt, by)
		if err != nil {
			return nil, err
		}
		res.CheckIns = n
		return evs, sendPurge(tx, action, res.PurgedAt)
	})
	if err != nil {
		return PurgeResult{}, fmt.Errorf("purge action %d: %w", action, err)
	}
	return res, nil
}

// purgeIn purges the action in tx, as of at, and reports how many check-in
// records it removed. On a node of a network the headcounts it makes stay
// on this node (each node purges what it holds), so the outbox is held shut
// while they are made, and each keeps the node its check-ins came from, so
// the turnout still splits by venue.
func purgeIn(tx *sql.Tx, action int64, at time.Time, by Actor) (int, []Event, error) {
	steps := []func(*sql.Tx, int64, time.Time, Actor) error{keepSplit, keepFirsts, holdOutbox, checkInsToHeadcounts, openOutbox}
	for _, step := range steps {
		if err := step(tx, action, at, by); err != nil {
			return 0, nil, err
		}
	}
	n, err := deleteCheckIns(tx, action)
	if err != nil {
		return 0, nil, err
	}
	evs := []Event{{Kind: "structure", Action: action}, {Kind: "purge", Action: action}}
	return n, evs, recordPurge(tx, action, at, by, n)
}

// holdOutbox keeps the outbox triggers from sending what follows, as while
// applying another node's write; openOutbox lets them send again.
func holdOutbox(tx *sql.Tx, _ int64, _ time.Time, _ Actor) error {
	if _, err := tx.Exec(`INSERT OR IGNORE INTO peer_applying (one) VALUES (1)`); err != nil {
		return fmt.Errorf("hold outbox: %w", err)
	}
	return nil
}

func openOutbox(tx *sql.Tx, _ int64, _ time.Time, _ Actor) error {
	if _, err := tx.Exec(`DELETE FROM peer_applying`); err != nil {
		return fmt.Errorf("open outbox: %w", err)
	}
	return nil
}

func keepSplit(tx *sql.Tx, action int64, _ time.Time, _ Actor) error {
	_, err := tx.Exec(`INSERT INTO purged_counts (action_id, institution_id, scanned, paper, walk_ins)
		SELECT action_id, institution_id, sum(source = 'scan'), sum(source IN ('paper', 'console')), sum(source = 'walk_in')
		FROM checkins WHERE action_id = ? AND undone_at IS NULL GROUP BY institution_id
		ON CONFLICT (action_id, institution_id) DO UPDATE SET scanned = scanned + excluded.scanned,
			paper = paper + excluded.paper, walk_ins = walk_ins + excluded.walk_ins`, action)
	if err != nil {
		return fmt.Errorf("keep purged counts: %w", err)
	}
	return nil
}

// checkInsToHeadcounts makes one headcount per institution and minute of
// arrival, and remembers it as made by a purge.
func checkInsToHeadcounts(tx *sql.Tx, action int64, _ time.Time, by Actor) error {
	var groups []purgeGroup
	err := eachRow(context.Background(), tx, `SELECT institution_id, strftime('%Y-%m-%dT%H:%M:00.000Z', scanned_at),
		count(*), origin FROM checkins WHERE action_id = ? AND undone_at IS NULL GROUP BY 1, 2, 4 ORDER BY 2, 1, 4`,
		func(rows *sql.Rows) error {
			var g purgeGroup
			err := rows.Scan(&g.inst, &g.at, &g.count, &g.origin)
			groups = append(groups, g)
			return err
		}, action)
	if err != nil {
		return fmt.Errorf("group check-ins: %w", err)
	}
	for _, g := range groups {
		if err := insertPurgeHeadcount(tx, action, g, by); err != nil {
			return err
		}
	}
	return nil
}

// purgeGroup is the check-ins of one institution, one minute and one node.
type purgeGroup struct {
	inst   int64
	at     string
	count  int
	origin sql.NullString
}

func insertPurgeHeadcount(tx *sql.Tx, action int64, g purgeGroup, by Actor) error {
	res, err := tx.Exec(`INSERT INTO headcounts (client_id, action_id, institution_id, count, note, organizer_id, recorded_at, origin)
		VALUES (?, ?, ?, ?, 'check-ins purged', ?, ?, ?)`, NewToken("purge"), action, g.inst, g.count, nullID(by.Organizer), g.at, g.origin)
	if err != nil {
		return fmt.Errorf("insert purge headcount: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return fmt.Errorf("insert purge headcount: %w", err)
	}
	if _, err := tx.Exec(`INSERT INTO purge_headcounts (headcount_id) VALUES (?)`, id); err != nil {
		return fmt.Errorf("remember purge headcount: %w", err)
	}
	return nil
}

func recordPurge(tx *sql.Tx, action int64, at time.Time, by Actor, n int) error {
	_, err := tx.Exec(`INSERT INTO purges (action_id, purged_at, organizer_id, checkins) VALUES (?, ?, ?, ?)
		ON CONFLICT (action_id) DO UPDATE SET purged_at = excluded.purged_at,
			organizer_id = excluded.organizer_id, checkins = checkins + excluded.checkins`,
		action, formatTime(at), nullID(by.Organizer), n)
	if err != nil {
		return fmt.Errorf("record purge: %w", err)
	}
	_, err = tx.Exec(`UPDATE doors SET revoked_at = coalesce(revoked_at, ?) WHERE action_id = ?`, formatTime(at), action)
	if err != nil {
		return fmt.Errorf("revoke doors: %w", err)
	}
	return nil
}

// PurgedAt tells when an action's check-ins were last purged, or nil.
func (s *Store) PurgedAt(ctx context.Context, action int64) (*time.Time, error) {
	return purgedAt(ctx, s.read, action)
}

// purgedAt reads when the action's check-ins were last purged; nil if never.
func purgedAt(ctx context.Context, q rowQuerier, action int64) (*time.Time, error) {
	var at string
	err := q.QueryRowContext(ctx, `SELECT purged_at FROM purges WHERE action_id = ?`, action).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("look up purge of action %d: %w", action, err)
	}
	t := parseTime(at)
	return &t, nil
}

// keepFirsts freezes the action's first-timers per institution, then keeps
// for each leader present the earliest purged action they came to.
func keepFirsts(tx *sql.Tx, action int64, _ time.Time, _ Actor) error {
	_, err := tx.Exec(firstsCTE+`
		INSERT INTO purged_counts (action_id, institution_id, first_time)
		SELECT ?1, institution_id, count(*) FROM firsts WHERE action_id = ?1 GROUP BY institution_id
		ON CONFLICT (action_id, institution_id) DO UPDATE SET first_time = first_time + excluded.first_time`, action)
	if err != nil {
		return fmt.Errorf("keep first-timers: %w", err)
	}
	_, err = tx.Exec(`INSERT INTO purged_firsts (leader_id, action_id)
		SELECT DISTINCT leader_id, ?1 FROM checkins WHERE action_id = ?1 AND undone_at IS NULL
		ON CONFLICT (leader_id) DO UPDATE SET action_id = excluded.action_id
		WHERE (SELECT date || printf('%012d', id) FROM actions WHERE id = excluded.action_id) <
			(SELECT date || printf('%012d', id) FROM actions WHERE id = purged_firsts.action_id)`, action)
	if err != nil {
		return fmt.Errorf("keep earliest presences: %w", err)
	}
	return nil
}
