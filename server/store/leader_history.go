package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// What a leader's page says of them at an action.
const (
	AttendedPresent = "present" // a check-in in force
	AttendedAbsent  = "absent"  // their institution committed, they did not come
	AttendedPurged  = "purged"  // the action's names were purged: not known
)

// LeaderAction is one action in a leader's history.
type LeaderAction struct {
	Action      Action     `json:"action"`
	Committed   int        `json:"committed"` // their institution's commitment (as it is now)
	Status      string     `json:"status"`
	Source      string     `json:"source,omitempty"` // how they were counted: scan, paper, console, walk_in
	At          *time.Time `json:"at,omitempty"`
	Door        string     `json:"door,omitempty"`
	Institution *Ref       `json:"institution,omitempty"` // present: as it was at check-in
	FirstTime   bool       `json:"first_time"`
}

// LeaderHistory is one leader and every action that concerns them, newest
// first: where they were counted present, and where their institution
// committed and they were absent (or, purged, not known).
type LeaderHistory struct {
	Leader  LeaderInfo     `json:"leader"`
	Actions []LeaderAction `json:"actions"`
}

// LeaderHistory reads a leader's page in one read transaction.
func (s *Store) LeaderHistory(ctx context.Context, leader int64) (LeaderHistory, error) {
	h := LeaderHistory{Actions: []LeaderAction{}}
	err := s.readSnapshot(ctx, func(q snapshot) error {
		var err error
		if h.Leader, err = leaderIn(ctx, q, leader); err != nil {
			return err
		}
		first, err := firstActionOf(ctx, q, leader)
		if err != nil {
			return err
		}
		return eachRow(ctx, q, leaderActions, func(rows *sql.Rows) error {
			la, err := scanLeaderAction(rows)
			la.FirstTime = la.Action.ID == first && la.Status != AttendedAbsent
			h.Actions = append(h.Actions, la)
			return err
		}, leader, h.Leader.Institution.ID)
	})
	if err != nil {
		return h, fmt.Errorf("history of leader %d: %w", leader, err)
	}
	return h, nil
}

const leaderActions = `SELECT a.id, a.name, a.date, a.starts_at, a.venue, a.goal, coalesce(m.number, 0),
	k.source, k.scanned_at, coalesce(d.name, ''), k.institution_id, coalesce(ki.name, ''),
	p.action_id IS NOT NULL, pf.action_id IS NOT NULL
	FROM actions a
	LEFT JOIN commitments m ON m.action_id = a.id AND m.institution_id = ?2
	LEFT JOIN checkins k ON k.action_id = a.id AND k.leader_id = ?1 AND k.undone_at IS NULL
	LEFT JOIN institutions ki ON ki.id = k.institution_id
	LEFT JOIN doors d ON d.id = k.door_id
	LEFT JOIN purges p ON p.action_id = a.id
	LEFT JOIN purged_firsts pf ON pf.leader_id = ?1 AND pf.action_id = a.id
	WHERE k.id IS NOT NULL OR m.number > 0 OR pf.action_id IS NOT NULL
	ORDER BY a.date DESC, a.id DESC`

func scanLeaderAction(rows *sql.Rows) (LeaderAction, error) {
	var la LeaderAction
	var source, at sql.NullString
	var inst sql.NullInt64
	var instName string
	var purged, purgedHere bool
	err := rows.Scan(&la.Action.ID, &la.Action.Name, &la.Action.Date, &la.Action.StartsAt, &la.Action.Venue,
		&la.Action.Goal, &la.Committed, &source, &at, &la.Door, &inst, &instName, &purged, &purgedHere)
	switch {
	case source.Valid:
		la.Status, la.Source, la.At = AttendedPresent, source.String, nullTime(at)
		la.Institution = &Ref{ID: inst.Int64, Name: instName}
	case purgedHere:
		la.Status = AttendedPresent // kept by the purge: present, how and when forgotten
	case purged:
		la.Status = AttendedPurged
	default:
		la.Status = AttendedAbsent
	}
	return la, err
}

// firstActionOf is the leader's first action: their earliest check-in in
// force, or the presence a purge kept when that is earlier; 0 for none.
func firstActionOf(ctx context.Context, q snapshot, leader int64) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, firstsCTE+`
		SELECT coalesce((SELECT action_id FROM firsts WHERE leader_id = ?1),
			(SELECT action_id FROM purged_firsts WHERE leader_id = ?1), 0)`, leader).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("first action: %w", err)
	}
	return id, nil
}

// leaderIn reads one leader as the console shows them.
func leaderIn(ctx context.Context, q rowQuerier, id int64) (LeaderInfo, error) {
	var l LeaderInfo
	err := q.QueryRowContext(ctx, `SELECT l.id, l.name, l.phone, l.email, l.language, l.code, l.walk_in,
		l.consent, l.external_id, i.id, i.name, c.id, c.name FROM leaders l JOIN institutions i ON i.id = l.institution_id
		JOIN chapters c ON c.id = i.chapter_id WHERE l.id = ?`, id).Scan(&l.ID, &l.Name, &l.Phone, &l.Email,
		&l.Language, &l.Code, &l.WalkIn, &l.Consent, &l.ExternalID, &l.Institution.ID, &l.Institution.Name,
		&l.Chapter.ID, &l.Chapter.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return l, ErrNotFound
	}
	return l, err
}
