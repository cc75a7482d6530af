package store

import (
	"database/sql"
	"fmt"
	"time"
)

// The rule that decides between nodes. Two venues may check in the same
// leader before their links meet. Of a leader's check-ins at an action that
// no one undid, the earliest scan counts (the smaller client id breaks a
// tie) and the others are superseded: marked undone, "superseded", with the
// client id of the one that counts. The rule depends only on the records,
// not on the order they arrived in, so every node reaches the same answer.
// On a single node a leader never has two such check-ins, so nothing changes.

// candidate is one of a leader's check-ins that no one undid.
type candidate struct {
	row                          int64
	id, origin, door, superseded string
	institution                  int64
	at                           string
	active                       bool
}

// settleLeader applies the rule to one leader at one action, keeps the
// writer's index and the door feed with it, and returns the tally changes
// it made. The one that counts comes last in the feed whenever another was
// put out of it, so a phone that applies the feed in order ends with it.
func (s *Store) settleLeader(tx *sql.Tx, ix *index, action, leader int64) ([]Event, error) {
	cs, err := candidates(tx, action, leader)
	if err != nil || len(cs) < 2 && (len(cs) == 0 || cs[0].active) {
		return nil, err
	}
	now := s.stamp()
	win := cs[0]
	var evs []Event
	refeed := !win.active
	for _, c := range cs[1:] {
		if !c.active && c.superseded == win.id {
			continue
		}
		ev, err := supersede(tx, ix, action, c, win, now)
		if err != nil {
			return nil, err
		}
		evs = append(evs, ev...)
		refeed = refeed || c.active
	}
	if refeed {
		if err := restore(tx, ix, win); err != nil {
			return nil, err
		}
	}
	if !win.active {
		evs = append(evs, Event{Kind: "checkin", Action: action, Institution: win.institution, Delta: 1, At: now,
			Ref: win.id, Arrived: parseTime(win.at)})
	}
	return evs, syncActive(tx, ix, action, leader)
}

// restore puts win in force, last in the door feed, and drops an answer
// that said it was not counted.
func restore(tx *sql.Tx, ix *index, win candidate) error {
	if _, err := tx.Exec(`UPDATE checkins SET undone_at = NULL, undone_by = NULL, superseded_by = NULL,
		undo_seq = NULL, seq = ? WHERE client_id = ?`, ix.nextSeq(), win.id); err != nil {
		return fmt.Errorf("restore check-in: %w", err)
	}
	if _, err := tx.Exec(`DELETE FROM answers WHERE client_id = ? AND kind = 'checkin'`, win.id); err != nil {
		return fmt.Errorf("restore check-in: %w", err)
	}
	return nil
}

// candidates are a leader's check-ins in force or superseded, earliest
// first: two queries, each served by its own index.
func candidates(tx *sql.Tx, action, leader int64) ([]candidate, error) {
	const cols = `SELECT c.id, c.client_id, coalesce(c.origin, ''), coalesce(c.origin_door, d.name, ''),
		coalesce(c.superseded_by, ''), c.institution_id, c.scanned_at, c.undone_at IS NULL
		FROM checkins c LEFT JOIN doors d ON d.id = c.door_id WHERE c.action_id = ? AND c.leader_id = ?`
	rows, err := tx.Query(cols+` AND c.undone_at IS NULL UNION ALL `+cols+` AND c.superseded_by IS NOT NULL
		ORDER BY 7, 2`, action, leader, action, leader) // by scanned_at, then client_id
	if err != nil {
		return nil, fmt.Errorf("settle: %w", err)
	}
	defer rows.Close()
	var out []candidate
	for rows.Next() {
		var c candidate
		if err := rows.Scan(&c.row, &c.id, &c.origin, &c.door, &c.superseded, &c.institution, &c.at, &c.active); err != nil {
			return nil, fmt.Errorf("settle: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// supersede marks c as not counting because win came first, takes it out
// of the door feed if it was in force, and tells c's door, through its
// stored answer, where and when the leader came in.
func supersede(tx *sql.Tx, ix *index, action int64, c, win candidate, now time.Time) ([]Event, error) {
	var undoSeq any
	if c.active {
		undoSeq = ix.nextSeq()
	}
	if _, err := tx.Exec(`UPDATE checkins SET undone_at = coalesce(undone_at, ?), undone_by = 'superseded',
		superseded_by = ?, undo_seq = coalesce(?, undo_seq) WHERE client_id = ?`,
		formatTime(now), win.id, undoSeq, c.id); err != nil {
		return nil, fmt.Errorf("supersede check-in: %w", err)
	}
	if err := tellAlready(tx, ix, c.id, win); err != nil {
		return nil, err
	}
	if !c.active {
		return nil, nil
	}
	return []Event{{Kind: "undo", Action: action, Institution: c.institution, Delta: -1, At: now,
		Ref: c.id, Arrived: parseTime(c.at)}}, nil
}

// tellAlready turns the answer to id into "already checked in" at win's
// place and time, so the door that asks again learns it.
func tellAlready(tx *sql.Tx, ix *index, id string, win candidate) error {
	var kind string
	var action int64
	var res CheckInResult
	found, err := anyReply(tx, id, &kind, &action, &res)
	if err != nil || !found {
		return err
	}
	res.Status, res.Replayed = StatusAlready, false
	res.First = &First{At: parseTime(win.at), Door: placeName(win.origin, win.door), Source: "scan"}
	if _, err := tx.Exec(`DELETE FROM answers WHERE client_id = ?`, id); err != nil {
		return fmt.Errorf("replace reply: %w", err)
	}
	ix.use(id)
	return saveReply(tx, id, kind, action, &res)
}

// placeSQL is placeName in SQL, for queries that name their check-in c and
// its door d.
const placeSQL = `CASE WHEN c.origin IS NULL THEN coalesce(d.name, '')
	WHEN coalesce(c.origin_door, '') = '' THEN c.origin ELSE c.origin || ' · ' || c.origin_door END`

// placeName says where a check-in was made: the door, and the node when it
// was another one ("Durham · Puerta norte").
func placeName(origin, door string) string {
	switch {
	case origin == "":
		return door
	case door == "":
		return origin
	}
	return origin + " · " + door
}

// settlePublished settles the leaders of the check-ins and undos published
// in (from, to] that have a record from another node at their action:
// without one, this node's own rule already held.
func (s *Store) settlePublished(tx *sql.Tx, ix *index, from, to int64) ([]Event, error) {
	rows, err := tx.Query(`SELECT DISTINCT c.action_id, c.leader_id FROM peer_outbox o
		JOIN checkins c ON c.client_id = o.client_id
		WHERE o.seq > ? AND o.seq <= ? AND o.kind IN ('checkin', 'undo')
		AND EXISTS (SELECT 1 FROM checkins x WHERE x.action_id = c.action_id AND x.leader_id = c.leader_id
			AND x.origin IS NOT NULL)`, from, to)
	if err != nil {
		return nil, fmt.Errorf("settle published: %w", err)
	}
	var pairs [][2]int64
	for rows.Next() {
		var p [2]int64
		if err := rows.Scan(&p[0], &p[1]); err != nil {
			rows.Close()
			return nil, fmt.Errorf("settle published: %w", err)
		}
		pairs = append(pairs, p)
	}
	rows.Close()
	var evs []Event
	for _, p := range pairs {
		ev, err := s.settleLeader(tx, ix, p[0], p[1])
		if err != nil {
			return nil, err
		}
		evs = append(evs, ev...)
	}
	return evs, nil
}
