package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"
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
		req := &writeReq{fn: s.checkInFunc(in, &res[i]), own: true, single: true}
		reqs[i], errs[i] = s.enqueue(ctx, req)
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

// checkInFunc is one check-in as the writer runs it: answered from the
// index, written as one INSERT (or, for a repeat scan, one stored answer).
func (s *Store) checkInFunc(in CheckIn, res *CheckInResult) func(tx *sql.Tx) ([]Event, error) {
	code, ok := NormalizeCode(in.Code)
	if in.Source == "" {
		in.Source = "scan"
	}
	return func(tx *sql.Tx) ([]Event, error) {
		ix, err := s.indexIn(tx)
		if err != nil {
			return nil, err
		}
		if ix.mayBeUsed(in.ID) {
			if found, err := replay(tx, in.ID, "checkin", in.Action, res); found || err != nil {
				return nil, err
			}
		}
		leader, err := ix.leaderByCode(code)
		if !ok {
			err = ErrUnknownBadge
		}
		if err != nil {
			return nil, replayOr(tx, in, res, err)
		}
		if _, ok := ix.active[actionLeader{in.Action, leader.ID}]; ok {
			return nil, s.repeat(tx, ix, in, leader, res)
		}
		return s.checkIn(tx, ix, in, leader, res)
	}
}

// checkIn writes a new check-in, one INSERT. Its client id's UNIQUE index
// is what tells a check-in sent again; the first answer is then read back.
func (s *Store) checkIn(tx *sql.Tx, ix *index, in CheckIn, leader LeaderRef, res *CheckInResult) ([]Event, error) {
	at, err := s.checkInTime(tx, in)
	if err != nil {
		return nil, err
	}
	seq := ix.seq + 1
	if err := insertCheckIn(tx, in, leader, at, seq); err != nil {
		if !isUnique(err) {
			return nil, err
		}
		if found, err := replay(tx, in.ID, "checkin", in.Action, res); found || err != nil {
			return nil, err
		}
		ix.built = false // the leader was checked in after all: read the database again
		return nil, err
	}
	ix.seq = seq
	ix.checkedIn(in.Action, leader.ID)
	*res = CheckInResult{Status: StatusCheckedIn, ID: in.ID, Leader: leader, At: at}
	return []Event{{Kind: "checkin", Action: in.Action, Institution: leader.Institution.ID, Leader: leader.ID, Delta: 1, At: at,
		Ref: in.ID, Arrived: at}}, nil
}

// replayOr answers a check-in that cannot be made with the first answer to
// its client id, when there was one; else with why it cannot.
func replayOr(tx *sql.Tx, in CheckIn, res *CheckInResult, why error) error {
	if found, err := replay(tx, in.ID, "checkin", in.Action, res); found || err != nil {
		return err
	}
	return why
}

// repeat answers the scan of a leader already checked in, unless it is a
// check-in sent again, and stores the answer: it says when and where, which
// no check-in row of its own holds.
func (s *Store) repeat(tx *sql.Tx, ix *index, in CheckIn, leader LeaderRef, res *CheckInResult) error {
	if found, err := replay(tx, in.ID, "checkin", in.Action, res); found || err != nil {
		return err
	}
	first, err := firstCheckIn(tx, in.Action, leader.ID)
	if err != nil {
		return err
	}
	*res = CheckInResult{Status: StatusAlready, ID: in.ID, Leader: leader, At: s.stamp(), First: &first}
	if err := saveReply(tx, in.ID, "checkin", in.Action, res); err != nil {
		return err
	}
	ix.use(in.ID)
	return nil
}

// firstCheckIn tells when, where and how the leader's check-in in force was
// made.
func firstCheckIn(tx *sql.Tx, action, leader int64) (First, error) {
	var f First
	var at string
	err := tx.QueryRow(`SELECT c.scanned_at, `+placeSQL+`, c.source
		FROM checkins c LEFT JOIN doors d ON d.id = c.door_id
		WHERE c.action_id = ? AND c.leader_id = ? AND c.undone_at IS NULL`, action, leader).Scan(&at, &f.Door, &f.Source)
	if err != nil {
		return f, fmt.Errorf("look up check-in: %w", err)
	}
	f.At = parseTime(at)
	return f, nil
}

// insertCheckIn writes a check-in; in.Source is set. seq is its number in
// the door feed.
func insertCheckIn(tx *sql.Tx, in CheckIn, l LeaderRef, at time.Time, seq int64) error {
	_, err := tx.Exec(`INSERT INTO checkins
		(client_id, action_id, leader_id, institution_id, door_id, organizer_id, source, scanned_at, seq)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, in.ID, in.Action, l.ID, l.Institution.ID,
		nullID(in.By.Door), nullID(in.By.Organizer), in.Source, formatTime(at), seq)
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
	// A scan made on today's date cannot fall before the action's day once
	// that day has begun, so only an older scan needs the action's date:
	// a check-in stays one statement for the writer.
	if !in.At.IsZero() && (in.Source == "" || in.Source == "scan") && !sameDay(in.At, s.stamp()) {
		var err error
		if day, err = actionDay(tx, in.Action); err != nil {
			return time.Time{}, err
		}
	}
	return s.clamp(in.At, in.Source, day), nil
}

// sameDay reports whether a and b fall on the same local date.
func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Local().Date()
	by, bm, bd := b.Local().Date()
	return ay == by && am == bm && ad == bd
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
// the action after seq since. The feed is read from the check-ins
// themselves: each has the number it got, and its undo another.
func (s *Store) CheckInFeed(ctx context.Context, action, since int64, limit int) ([]FeedItem, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT f.seq, f.present, l.code, l.name, l.institution_id,
		c.scanned_at, `+placeSQL+`, c.source
		FROM (SELECT id, seq, 1 AS present FROM checkins WHERE action_id = ?1 AND seq > ?2
			UNION ALL
			SELECT id, undo_seq, 0 FROM checkins WHERE action_id = ?1 AND undo_seq > ?2
			ORDER BY 2 LIMIT ?3) f
		JOIN checkins c ON c.id = f.id JOIN leaders l ON l.id = c.leader_id LEFT JOIN doors d ON d.id = c.door_id
		ORDER BY f.seq`, action, since, limit)
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
	err := s.read.QueryRowContext(ctx, `SELECT max(
		coalesce((SELECT max(seq) FROM checkins WHERE action_id = ?1), 0),
		coalesce((SELECT max(undo_seq) FROM checkins WHERE action_id = ?1), 0))`, action).Scan(&seq)
	if err != nil {
		return 0, fmt.Errorf("feed cursor: %w", err)
	}
	return seq, nil
}

// isUnique tells whether err is a UNIQUE violation.
func isUnique(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique
}
