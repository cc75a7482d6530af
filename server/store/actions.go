package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Action is a public event where leaders check in.
type Action struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Date     string `json:"date"`      // YYYY-MM-DD
	StartsAt string `json:"starts_at"` // HH:MM, local time, may be empty
	Venue    string `json:"venue"`
	Goal     int    `json:"goal"`
	// HeadcountMax is the largest headcount a door may record; above it an
	// organizer must. Zero on create means DefaultHeadcountMax, on update
	// that it stays as it was.
	HeadcountMax int `json:"headcount_max"`
}

// DefaultHeadcountMax is a new action's HeadcountMax: a few buses.
const DefaultHeadcountMax = 200

func (a *Action) check() error {
	a.Name, a.Venue = strings.TrimSpace(a.Name), strings.TrimSpace(a.Venue)
	if err := checkName("name", a.Name); err != nil {
		return err
	}
	if a.Venue != "" {
		if err := checkName("venue", a.Venue); err != nil {
			return err
		}
	}
	if _, err := time.Parse("2006-01-02", a.Date); err != nil {
		return invalid("date", "must be YYYY-MM-DD")
	}
	if a.StartsAt != "" {
		if _, err := time.Parse("15:04", a.StartsAt); err != nil {
			return invalid("starts_at", "must be HH:MM")
		}
	}
	if a.Goal < 0 || a.Goal > 1_000_000 {
		return invalid("goal", "must be 0 to 1000000")
	}
	if a.HeadcountMax < 0 || a.HeadcountMax > MaxHeadcount {
		return invalid("headcount_max", fmt.Sprintf("must be 1 to %d", MaxHeadcount))
	}
	return nil
}

// CreateAction adds an action.
func (s *Store) CreateAction(ctx context.Context, a Action) (Action, error) {
	if err := a.check(); err != nil {
		return a, err
	}
	if a.HeadcountMax == 0 {
		a.HeadcountMax = DefaultHeadcountMax
	}
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		res, err := tx.Exec(`INSERT INTO actions (name, date, starts_at, venue, goal, headcount_max) VALUES (?, ?, ?, ?, ?, ?)`,
			a.Name, a.Date, a.StartsAt, a.Venue, a.Goal, a.HeadcountMax)
		if err != nil {
			return nil, fmt.Errorf("insert action: %w", err)
		}
		a.ID, err = res.LastInsertId()
		return []Event{{Kind: "structure", Action: a.ID}}, err
	})
	return a, err
}

const actionCols = `id, name, date, starts_at, venue, goal, headcount_max`

func scanAction(row interface{ Scan(...any) error }) (Action, error) {
	var a Action
	err := row.Scan(&a.ID, &a.Name, &a.Date, &a.StartsAt, &a.Venue, &a.Goal, &a.HeadcountMax)
	return a, err
}

// Actions lists every action, newest date first.
func (s *Store) Actions(ctx context.Context) ([]Action, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+actionCols+` FROM actions ORDER BY date DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("list actions: %w", err)
	}
	defer rows.Close()
	out := []Action{}
	for rows.Next() {
		a, err := scanAction(rows)
		if err != nil {
			return nil, fmt.Errorf("list actions: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Action returns one action, or ErrNotFound.
func (s *Store) Action(ctx context.Context, id int64) (Action, error) {
	a, err := scanAction(s.read.QueryRowContext(ctx, `SELECT `+actionCols+` FROM actions WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("action %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("action %d: %w", id, err)
	}
	return a, nil
}

// UpdateAction changes an action's name, date, start time, venue, goal and,
// unless it is zero, headcount maximum.
func (s *Store) UpdateAction(ctx context.Context, a Action) (Action, error) {
	if err := a.check(); err != nil {
		return a, err
	}
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		err := tx.QueryRow(`UPDATE actions SET name = ?, date = ?, starts_at = ?, venue = ?, goal = ?,
			headcount_max = coalesce(nullif(?, 0), headcount_max) WHERE id = ? RETURNING headcount_max`,
			a.Name, a.Date, a.StartsAt, a.Venue, a.Goal, a.HeadcountMax, a.ID).Scan(&a.HeadcountMax)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("action %d: %w", a.ID, ErrNotFound)
		}
		if err != nil {
			return nil, fmt.Errorf("update action: %w", err)
		}
		return []Event{{Kind: "structure", Action: a.ID}}, nil
	})
	return a, err
}

// actionExists answers ErrNotFound, inside a write, when there is no such
// action.
func actionExists(tx *sql.Tx, action int64) error {
	var n int
	if err := tx.QueryRow(`SELECT count(*) FROM actions WHERE id = ?`, action).Scan(&n); err != nil {
		return fmt.Errorf("look up action: %w", err)
	}
	if n == 0 {
		return fmt.Errorf("action %d: %w", action, ErrNotFound)
	}
	return nil
}

// headcountMax is the largest headcount a door may record at an action,
// read inside a write.
func headcountMax(tx *sql.Tx, action int64) (int, error) {
	var n int
	err := tx.QueryRow(`SELECT headcount_max FROM actions WHERE id = ?`, action).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("action %d: %w", action, ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("look up action: %w", err)
	}
	return n, nil
}

// actionDay is when an action's day begins, in this machine's time zone,
// read inside a write.
func actionDay(tx *sql.Tx, action int64) (time.Time, error) {
	var date string
	err := tx.QueryRow(`SELECT date FROM actions WHERE id = ?`, action).Scan(&date)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, fmt.Errorf("action %d: %w", action, ErrNotFound)
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("look up action: %w", err)
	}
	day, err := time.ParseInLocation("2006-01-02", date, time.Local)
	if err != nil {
		return time.Time{}, fmt.Errorf("action %d date %q: %w", action, date, err)
	}
	return day, nil
}

// actionIn reads an action within a snapshot; ErrNotFound if there is none.
func actionIn(ctx context.Context, q snapshot, id int64) (Action, error) {
	a, err := scanAction(q.QueryRowContext(ctx, `SELECT `+actionCols+` FROM actions WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, ErrNotFound
	}
	return a, err
}
