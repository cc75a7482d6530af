package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Check-in statuses as the door sees them.
const (
	StatusCheckedIn = "checked_in"
	StatusAlready   = "already_checked_in"
	StatusUndone    = "undone"
	StatusRecorded  = "recorded"
)

// CheckIn asks for one leader to be recorded present at an action.
type CheckIn struct {
	ID     string // client-generated, makes the write idempotent
	Action int64
	Code   string
	By     Actor
	Source string    // "scan" unless said otherwise
	At     time.Time // when the phone scanned it; zero means now
}

// First tells when and where a leader was first checked in.
type First struct {
	At     time.Time `json:"at"`
	Door   string    `json:"door"`
	Source string    `json:"source"`
}

// CheckInResult is the answer to a check-in, stored so a replay returns it.
type CheckInResult struct {
	Status   string    `json:"status"`
	ID       string    `json:"id"`
	Leader   LeaderRef `json:"leader"`
	At       time.Time `json:"at"`
	First    *First    `json:"first,omitempty"`
	Replayed bool      `json:"replayed,omitempty"`
}

// markReplayed flags an answer given again to a repeated client id.
func (r *CheckInResult) markReplayed() { r.Replayed = true }

// CheckIn records the leader holding in.Code as present, at most once per
// action, and answers only after the write committed. A repeat of the leader
// answers StatusAlready and counts nothing; a repeat of in.ID returns the
// first answer.
func (s *Store) CheckIn(ctx context.Context, in CheckIn) (CheckInResult, error) {
	res, errs := s.CheckInMany(ctx, []CheckIn{in})
	return res[0], errs[0]
}

// CheckInMany records check-ins in the order given, as CheckIn would one by
// one, and lets them share transactions. One failing item fails only itself.
func (s *Store) CheckInMany(ctx context.Context, ins []CheckIn) ([]CheckInResult, []error) {
	res := make([]CheckInResult, len(ins))
	errs := make([]error, len(ins))
	reqs := make([]*writeReq, len(ins))
	for i, in := range ins {
		if errs[i] = checkCheckIn(in); errs[i] != nil {
			continue
		}
		reqs[i], errs[i] = s.enqueue(ctx, s.checkInFunc(in, &res[i]))
	}
	for i, req := range reqs {
		if req != nil {
			errs[i] = <-req.done
		}
		if errs[i] != nil {
			res[i] = CheckInResult{}
			errs[i] = fmt.Errorf("check in %s: %w", ins[i].ID, errs[i])
		}
	}
	return res, errs
}

func checkCheckIn(in CheckIn) error {
	if err := checkClientID(in.ID); err != nil {
		return err
	}
	if strings.TrimSpace(in.Code) == "" {
		return invalid("code", "empty")
	}
	return nil
}

func (s *Store) checkInFunc(in CheckIn, res *CheckInResult) func(tx *sql.Tx) ([]Event, error) {
	code, ok := NormalizeCode(in.Code)
	return func(tx *sql.Tx) ([]Event, error) {
		if found, err := replay(tx, in.ID, "checkin", in.Action, res); found || err != nil {
			return nil, err
		}
		if !ok {
			return nil, ErrUnknownBadge
		}
		return s.checkIn(tx, in, code, res)
	}
}

func (s *Store) checkIn(tx *sql.Tx, in CheckIn, code string, res *CheckInResult) ([]Event, error) {
	leader, err := leaderByCode(tx, code)
	if err != nil {
		return nil, err
	}
	res.ID, res.Leader = in.ID, leader
	first, err := activeCheckIn(tx, in.Action, leader.ID)
	if err == nil {
		res.Status, res.At, res.First = StatusAlready, s.stamp(), &first
		return nil, saveReply(tx, in.ID, "checkin", in.Action, res)
	}
	if !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	at, err := s.checkInTime(tx, in)
	if err != nil {
		return nil, err
	}
	if err := insertCheckIn(tx, in, leader, at); err != nil {
		return nil, err
	}
	res.Status, res.At = StatusCheckedIn, at
	ev := Event{Kind: "checkin", Action: in.Action, Institution: leader.Institution.ID, Delta: 1, At: at}
	return []Event{ev}, saveReply(tx, in.ID, "checkin", in.Action, res)
}

func activeCheckIn(tx *sql.Tx, action, leader int64) (First, error) {
	var f First
	var at string
	err := tx.QueryRow(`SELECT c.scanned_at, `+placeSQL+`, c.source
		FROM checkins c LEFT JOIN doors d ON d.id = c.door_id
		WHERE c.action_id = ? AND c.leader_id = ? AND c.undone_at IS NULL`, action, leader).Scan(&at, &f.Door, &f.Source)
	if errors.Is(err, sql.ErrNoRows) {
		return f, ErrNotFound
	}
	if err != nil {
		return f, fmt.Errorf("look up check-in: %w", err)
	}
	f.At = parseTime(at)
	return f, nil
}

func insertCheckIn(tx *sql.Tx, in CheckIn, l LeaderRef, at time.Time) error {
	source := in.Source
	if source == "" {
		source = "scan"
	}
	_, err := tx.Exec(`INSERT INTO checkins
		(client_id, action_id, leader_id, institution_id, door_id, organizer_id, source, scanned_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, in.ID, in.Action, l.ID, l.Institution.ID,
		nullID(in.By.Door), nullID(in.By.Organizer), source, formatTime(at))
	if err != nil {
		return fmt.Errorf("insert check-in: %w", err)
	}
	return nil
}

// checkInTime is when a check-in happened: the time it gives, within
// clamp's bounds, else now. A scan's time is also kept from before its
// action's day, once that day has begun.
func (s *Store) checkInTime(tx *sql.Tx, in CheckIn) (time.Time, error) {
	var day time.Time
	if !in.At.IsZero() && (in.Source == "" || in.Source == "scan") {
		var err error
		if day, err = actionDay(tx, in.Action); err != nil {
			return time.Time{}, err
		}
	}
	return s.clamp(in.At, in.Source, day), nil
}

// clamp keeps a phone's clock from writing the future or the distant past:
// an offline scan keeps its own time, a wild clock gets the server's. A scan
// may not be put before the action's day (which begins at day) once that
// day has begun: a door cannot backdate past the start of the day. Times an
// organizer enters afterwards (a paper sheet) may be further in the past.
func (s *Store) clamp(at time.Time, source string, day time.Time) time.Time {
	now := s.stamp()
	oldest := now.Add(-72 * time.Hour)
	if source != "" && source != "scan" {
		oldest = now.AddDate(-5, 0, 0)
	} else if !now.Before(day) && day.After(oldest) {
		oldest = day
	}
	if at.IsZero() || at.After(now.Add(2*time.Minute)) || at.Before(oldest) {
		return now
	}
	return at.UTC().Truncate(time.Millisecond)
}

// FeedItem is one check-in or undo, as a door phone applies it to the roster
// it keeps for offline answers.
type FeedItem struct {
	Seq         int64     `json:"seq"`
	Present     bool      `json:"present"` // false: the check-in was undone
	Code        string    `json:"code"`
	Name        string    `json:"name"`
	Institution int64     `json:"institution"`
	At          time.Time `json:"at"`
	Door        string    `json:"door,omitempty"`
	Source      string    `json:"source"`
}

// CheckInFeed returns, in commit order, up to limit check-ins and undos of
// the action after seq since.
func (s *Store) CheckInFeed(ctx context.Context, action, since int64, limit int) ([]FeedItem, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT f.seq, f.present, l.code, l.name, l.institution_id,
		c.scanned_at, `+placeSQL+`, c.source
		FROM checkin_feed f JOIN checkins c ON c.id = f.checkin_id
		JOIN leaders l ON l.id = c.leader_id LEFT JOIN doors d ON d.id = c.door_id
		WHERE f.action_id = ? AND f.seq > ? ORDER BY f.seq LIMIT ?`, action, since, limit)
	if err != nil {
		return nil, fmt.Errorf("check-in feed: %w", err)
	}
	defer rows.Close()
	out := []FeedItem{}
	for rows.Next() {
		var it FeedItem
		var at string
		if err := rows.Scan(&it.Seq, &it.Present, &it.Code, &it.Name, &it.Institution, &at, &it.Door, &it.Source); err != nil {
			return nil, fmt.Errorf("check-in feed: %w", err)
		}
		it.At = parseTime(at)
		out = append(out, it)
	}
	return out, rows.Err()
}

// FeedCursor is the last seq of the action's feed: a phone that reads the
// roster after it and then polls from it misses nothing.
func (s *Store) FeedCursor(ctx context.Context, action int64) (int64, error) {
	var seq int64
	err := s.read.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM checkin_feed WHERE action_id = ?`, action).Scan(&seq)
	if err != nil {
		return 0, fmt.Errorf("feed cursor: %w", err)
	}
	return seq, nil
}
