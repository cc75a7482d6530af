package store

import (
	"database/sql"
	"errors"
	"fmt"
)

// applyCheckIn records another node's check-in, then lets the rule of
// settleLeader decide whether it or one already here counts.
func (s *Store) applyCheckIn(tx *sql.Tx, w Write, action int64) ([]Event, error) {
	if found, err := exists(tx, "checkins", w.ID); found || err != nil {
		return nil, err
	}
	l, err := remoteLeader(tx, w)
	if err != nil {
		return nil, err
	}
	at := formatTime(w.At)
	// In as superseded, so the one-in-force index holds whatever is here;
	// settling then restores it if it came first.
	_, err = tx.Exec(`INSERT INTO checkins (client_id, action_id, leader_id, institution_id, source,
		scanned_at, origin, origin_door, undone_at, undone_by, superseded_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'superseded', '')`, w.ID, action, l.ID, l.Institution.ID,
		sourceOr(w.Source), at, w.Origin, w.Door, at)
	if err != nil {
		return nil, fmt.Errorf("insert check-in: %w", err)
	}
	if w.Reply == "walkin" {
		if _, err := tx.Exec(`INSERT INTO walkins (client_id, action_id, leader_id, checkin_id)
			VALUES (?, ?, ?, (SELECT id FROM checkins WHERE client_id = ?))`, w.ID, action, l.ID, w.ID); err != nil {
			return nil, fmt.Errorf("insert walk-in: %w", err)
		}
	}
	res := CheckInResult{Status: StatusCheckedIn, ID: w.ID, Leader: l, At: w.At}
	if err := saveReplyOnce(tx, w.ID, replyKind(w.Reply), action, &res); err != nil {
		return nil, err
	}
	return settleLeader(tx, action, l.ID, s.stamp())
}

func sourceOr(source string) string {
	if source == "" {
		return "scan"
	}
	return source
}

func replyKind(kind string) string {
	if kind == "" {
		return "checkin"
	}
	return kind
}

// remoteLeader finds the leader by badge code, revoked or not (the code was
// good where it was scanned), or adds the leader the check-in created.
func remoteLeader(tx *sql.Tx, w Write) (LeaderRef, error) {
	l, err := leaderByCode(tx, w.Code)
	if err == nil || errors.Is(err, ErrRevokedBadge) {
		return l, nil
	}
	if !errors.Is(err, ErrUnknownBadge) || w.Leader == nil {
		return l, err
	}
	inst, err := idByUID(tx, "institutions", w.Leader.Institution)
	if err != nil {
		return l, err
	}
	res, err := tx.Exec(`INSERT INTO leaders (institution_id, name, phone, email, language, code, walk_in, uid)
		VALUES (?, ?, ?, ?, ?, ?, ?, nullif(?, ''))`, inst, w.Leader.Name, w.Leader.Phone, w.Leader.Email,
		w.Leader.Language, w.Code, w.Leader.WalkIn, w.Leader.UID)
	if err != nil {
		return l, fmt.Errorf("insert leader: %w", err)
	}
	id, _ := res.LastInsertId()
	if _, err := tx.Exec(`INSERT INTO badge_codes (code, leader_id) VALUES (?, ?)`, w.Code, id); err != nil {
		return l, fmt.Errorf("insert badge code: %w", err)
	}
	return leaderByCode(tx, w.Code)
}

// applyUndo records another node's undo of a check-in. An undo of the one
// that counted lets the next earliest count, as on every node.
func (s *Store) applyUndo(tx *sql.Tx, w Write, action int64) ([]Event, error) {
	var leader, inst int64
	var undone, superseded sql.NullString
	err := tx.QueryRow(`SELECT leader_id, institution_id, undone_at, superseded_by FROM checkins
		WHERE client_id = ? AND action_id = ?`, w.ID, action).Scan(&leader, &inst, &undone, &superseded)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("check-in %s: %w", w.ID, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("look up check-in: %w", err)
	}
	if undone.Valid && !superseded.Valid {
		return nil, nil // undone already
	}
	if _, err := tx.Exec(`UPDATE checkins SET undone_at = ?, undone_by = ?, superseded_by = NULL
		WHERE client_id = ?`, formatTime(w.At), placeName(w.Origin, w.By), w.ID); err != nil {
		return nil, fmt.Errorf("mark undone: %w", err)
	}
	var evs []Event
	if !undone.Valid {
		evs = append(evs, Event{Kind: "undo", Action: action, Institution: inst, Delta: -1, At: w.At})
	}
	more, err := settleLeader(tx, action, leader, s.stamp())
	return append(evs, more...), err
}

func applyHeadcount(tx *sql.Tx, w Write, action int64) ([]Event, error) {
	if found, err := exists(tx, "headcounts", w.ID); found || err != nil {
		return nil, err
	}
	inst, err := idByUID(tx, "institutions", w.Institution)
	if err != nil {
		return nil, err
	}
	_, err = tx.Exec(`INSERT INTO headcounts (client_id, action_id, institution_id, count, note, recorded_at, origin, origin_door)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, w.ID, action, inst, w.Count, w.Note, formatTime(w.At), w.Origin, w.Door)
	if err != nil {
		return nil, fmt.Errorf("insert headcount: %w", err)
	}
	ref, err := institutionRef(tx, inst)
	if err != nil {
		return nil, err
	}
	res := HeadcountResult{Status: StatusRecorded, ID: w.ID, Institution: ref, Count: w.Count, At: w.At}
	if err := saveReplyOnce(tx, w.ID, "headcount", action, &res); err != nil {
		return nil, err
	}
	return []Event{{Kind: "headcount", Action: action, Institution: inst, Delta: w.Count, At: w.At}}, nil
}

func applyHeadcountUndo(tx *sql.Tx, w Write, action int64) ([]Event, error) {
	var inst int64
	var count int
	var undone sql.NullString
	err := tx.QueryRow(`SELECT institution_id, count, undone_at FROM headcounts WHERE client_id = ? AND action_id = ?`,
		w.ID, action).Scan(&inst, &count, &undone)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("headcount %s: %w", w.ID, ErrNotFound)
	}
	if err != nil || undone.Valid {
		return nil, err
	}
	if _, err := tx.Exec(`UPDATE headcounts SET undone_at = ?, undone_by = ? WHERE client_id = ?`,
		formatTime(w.At), placeName(w.Origin, w.By), w.ID); err != nil {
		return nil, fmt.Errorf("mark undone: %w", err)
	}
	return []Event{{Kind: "headcount_undo", Action: action, Institution: inst, Delta: -count, At: w.At}}, nil
}
