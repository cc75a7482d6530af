package store

import (
	"database/sql"
	"errors"
	"fmt"
)

// applyCheckIn records another node's check-in, then lets the rule of
// settleLeader decide whether it or one already here counts.
func (s *Store) applyCheckIn(tx *sql.Tx, ix *index, w Write, action int64) ([]Event, error) {
	if found, err := exists(tx, "checkins", w.ID); found || err != nil {
		return nil, err
	}
	if gone, err := purged(tx, w.ID); gone || err != nil {
		return nil, err // counted already, in a purge's headcount
	}
	l, err := remoteLeader(tx, ix, w)
	if err != nil {
		return nil, err
	}
	if alone, err := aloneAt(tx, ix, action, l.ID); err != nil || alone {
		if err != nil {
			return nil, err
		}
		return s.applyAlone(tx, ix, w, action, l)
	}
	at := formatTime(w.At)
	// In as superseded and outside the door feed (seq 0), so the one-in-force
	// index holds whatever is here; settling then restores it, with its place
	// in the feed, if it came first.
	_, err = tx.Exec(`INSERT INTO checkins (client_id, action_id, leader_id, institution_id, source,
		scanned_at, origin, origin_door, undone_at, undone_by, superseded_by, seq)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'superseded', '', 0)`, w.ID, action, l.ID, l.Institution.ID,
		sourceOr(w.Source), at, w.Origin, w.Door, at)
	if err != nil {
		return nil, fmt.Errorf("insert check-in: %w", err)
	}
	if w.Reply == "walkin" || w.Reply == "paper_leader" {
		if err := recordNewLeader(tx, ix, w, action, l); err != nil {
			return nil, err
		}
	}
	return s.settleLeader(tx, ix, action, l.ID)
}

// aloneAt reports whether the leader has no check-in at the action that
// counts or was superseded: the usual case, where the rule has nothing to
// decide.
func aloneAt(tx *sql.Tx, ix *index, action, leader int64) (bool, error) {
	if _, in := ix.active[actionLeader{action, leader}]; in {
		return false, nil
	}
	var n int
	err := tx.QueryRow(`SELECT count(*) FROM checkins WHERE action_id = ? AND leader_id = ? AND superseded_by IS NOT NULL`,
		action, leader).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("look up check-ins: %w", err)
	}
	return n == 0, nil
}

// applyAlone records another node's check-in of a leader nobody else
// checked in here: it counts at once, last in the door feed.
func (s *Store) applyAlone(tx *sql.Tx, ix *index, w Write, action int64, l LeaderRef) ([]Event, error) {
	_, err := tx.Exec(`INSERT INTO checkins (client_id, action_id, leader_id, institution_id, source,
		scanned_at, origin, origin_door, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, w.ID, action, l.ID,
		l.Institution.ID, sourceOr(w.Source), formatTime(w.At), w.Origin, w.Door, ix.nextSeq())
	if err != nil {
		return nil, fmt.Errorf("insert check-in: %w", err)
	}
	if w.Reply == "walkin" || w.Reply == "paper_leader" {
		if err := recordNewLeader(tx, ix, w, action, l); err != nil {
			return nil, err
		}
	}
	ix.checkedIn(action, l.ID)
	return []Event{{Kind: "checkin", Action: action, Institution: l.Institution.ID, Delta: 1, At: s.stamp(),
		Ref: w.ID, Arrived: w.At}}, nil
}

// recordNewLeader keeps what a walk-in or a paper sheet's new leader leaves
// beside the check-in: the walk-in row, and the answer by its own kind.
func recordNewLeader(tx *sql.Tx, ix *index, w Write, action int64, l LeaderRef) error {
	if w.Reply == "walkin" {
		if _, err := tx.Exec(`INSERT INTO walkins (client_id, action_id, leader_id, checkin_id)
			VALUES (?, ?, ?, (SELECT id FROM checkins WHERE client_id = ?))`, w.ID, action, l.ID, w.ID); err != nil {
			return fmt.Errorf("insert walk-in: %w", err)
		}
	}
	res := CheckInResult{Status: StatusCheckedIn, ID: w.ID, Leader: l, At: w.At}
	return saveReplyOnce(tx, ix, w.ID, w.Reply, action, &res)
}

func sourceOr(source string) string {
	if source == "" {
		return "scan"
	}
	return source
}

// leaderOfCode is the leader a badge code was issued to, revoked or not.
func leaderOfCode(tx *sql.Tx, code string) (LeaderRef, error) {
	var l LeaderRef
	err := tx.QueryRow(`SELECT l.id, l.name, l.code, i.id, i.name, c.id, c.name
		FROM badge_codes b JOIN leaders l ON l.id = b.leader_id
		JOIN institutions i ON i.id = l.institution_id JOIN chapters c ON c.id = i.chapter_id
		WHERE b.code = ?`, code).Scan(&l.ID, &l.Name, &l.Code, &l.Institution.ID, &l.Institution.Name,
		&l.Chapter.ID, &l.Chapter.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return l, ErrUnknownBadge
	}
	if err != nil {
		return l, fmt.Errorf("look up badge: %w", err)
	}
	return l, nil
}

// remoteLeader finds the leader by badge code, revoked or not (the code was
// good where it was scanned), or adds the leader the check-in created.
func remoteLeader(tx *sql.Tx, ix *index, w Write) (LeaderRef, error) {
	if b, ok := ix.badge(w.Code); ok {
		if l, ok := ix.leader(b.leader); ok {
			return l, nil
		}
	}
	l, err := leaderOfCode(tx, w.Code)
	if !errors.Is(err, ErrUnknownBadge) || w.Leader == nil {
		return l, err
	}
	inst, err := idByUID(tx, "institutions", w.Leader.Institution)
	if err != nil {
		return l, err
	}
	nl := w.Leader
	_, err = tx.Exec(`INSERT INTO leaders (institution_id, name, phone, email, language, code, walk_in, uid, consent)
		VALUES (?, ?, ?, ?, ?, ?, ?, nullif(?, ''), coalesce(?, NOT ?))`, inst, nl.Name, nl.Phone, nl.Email,
		nl.Language, w.Code, nl.WalkIn, nl.UID, nl.Consent, nl.WalkIn)
	if err != nil {
		return l, fmt.Errorf("insert leader: %w", err)
	}
	if _, err := tx.Exec(`INSERT INTO badge_codes (code, leader_id) VALUES (?, (SELECT id FROM leaders WHERE code = ?))`,
		w.Code, w.Code); err != nil {
		return l, fmt.Errorf("insert badge code: %w", err)
	}
	if l, err = leaderOfCode(tx, w.Code); err == nil {
		ix.addLeader(l)
	}
	return l, err
}

// applyUndo records another node's undo of a check-in. An undo of the one
// that counted lets the next earliest count, as on every node.
func (s *Store) applyUndo(tx *sql.Tx, ix *index, w Write, action int64) ([]Event, error) {
	var leader, inst int64
	var undone, superseded sql.NullString
	var scanned string
	err := tx.QueryRow(`SELECT leader_id, institution_id, undone_at, superseded_by, scanned_at FROM checkins
		WHERE client_id = ? AND action_id = ?`, w.ID, action).Scan(&leader, &inst, &undone, &superseded, &scanned)
	if errors.Is(err, sql.ErrNoRows) {
		if gone, err := purged(tx, w.ID); gone || err != nil {
			return nil, err // purged here: nothing left to undo
		}
		return nil, fmt.Errorf("check-in %s: %w", w.ID, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("look up check-in: %w", err)
	}
	if undone.Valid && !superseded.Valid {
		return nil, nil // undone already
	}
	var evs []Event
	undoSeq := any(nil)
	if !undone.Valid {
		undoSeq = ix.nextSeq()
		evs = append(evs, Event{Kind: "undo", Action: action, Institution: inst, Delta: -1, At: w.At,
			Ref: w.ID, Arrived: parseTime(scanned)})
	}
	if _, err := tx.Exec(`UPDATE checkins SET undone_at = ?, undone_by = ?, superseded_by = NULL,
		undo_seq = coalesce(?, undo_seq) WHERE client_id = ?`, formatTime(w.At), placeName(w.Origin, w.By), undoSeq, w.ID); err != nil {
		return nil, fmt.Errorf("mark undone: %w", err)
	}
	more, err := s.settleLeader(tx, ix, action, leader)
	if err != nil {
		return nil, err
	}
	return append(evs, more...), syncActive(tx, ix, action, leader)
}

func applyHeadcount(tx *sql.Tx, ix *index, w Write, action int64) ([]Event, error) {
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
	if err := saveReplyOnce(tx, ix, w.ID, "headcount", action, &res); err != nil {
		return nil, err
	}
	return []Event{{Kind: "headcount", Action: action, Institution: inst, Delta: w.Count, At: w.At,
		Ref: w.ID, Arrived: w.At}}, nil
}

func applyHeadcountUndo(tx *sql.Tx, w Write, action int64) ([]Event, error) {
	var inst int64
	var count int
	var undone sql.NullString
	var recorded string
	err := tx.QueryRow(`SELECT institution_id, count, undone_at, recorded_at FROM headcounts WHERE client_id = ? AND action_id = ?`,
		w.ID, action).Scan(&inst, &count, &undone, &recorded)
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
	return []Event{{Kind: "headcount_undo", Action: action, Institution: inst, Delta: -count, At: w.At,
		Ref: w.ID, Arrived: parseTime(recorded)}}, nil
}
