package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// UndoResult is the answer to an undo.
type UndoResult struct {
	Status string    `json:"status"` // always StatusUndone
	ID     string    `json:"id"`
	At     time.Time `json:"at"` // when it was undone (the first time)
}

// UndoCheckIn marks the check-in made with client id as undone, recording who
// and when; nothing is deleted. A door may undo only its own check-ins.
// Undoing twice answers the first undo again.
func (s *Store) UndoCheckIn(ctx context.Context, action int64, id string, by Actor) (UndoResult, error) {
	return s.undo(ctx, "checkins", action, id, by)
}

// UndoHeadcount marks a headcount as undone, like UndoCheckIn.
func (s *Store) UndoHeadcount(ctx context.Context, action int64, id string, by Actor) (UndoResult, error) {
	return s.undo(ctx, "headcounts", action, id, by)
}

func (s *Store) undo(ctx context.Context, table string, action int64, id string, by Actor) (UndoResult, error) {
	res := UndoResult{Status: StatusUndone, ID: id}
	err := s.writeOwn(ctx, true, func(tx *sql.Tx) ([]Event, error) {
		ix, err := s.indexIn(tx)
		if err != nil {
			return nil, err
		}
		row, err := undoTarget(tx, table, action, id)
		if err != nil {
			return nil, err
		}
		if by.Door != 0 && row.door != by.Door {
			return nil, ErrNotYours
		}
		if row.undoneAt != "" {
			res.At = parseTime(row.undoneAt)
			return nil, nil
		}
		res.At = s.stamp()
		return markUndone(tx, ix, table, row, res, by)
	})
	if err != nil {
		return UndoResult{}, fmt.Errorf("undo %s: %w", id, err)
	}
	return res, nil
}

// markUndone writes the undo, one UPDATE, then tells the index: an undone
// check-in leaves the check-ins in force, and its undo takes the next number
// of the door feed. A headcount's undo is not in the door feed.
func markUndone(tx *sql.Tx, ix *index, table string, row undoRow, res UndoResult, by Actor) ([]Event, error) {
	stamp, who := formatTime(res.At), by.String()
	ev := Event{Kind: "headcount_undo", Action: row.action, Institution: row.institution, Delta: -row.count,
		At: res.At, Ref: res.ID, Arrived: parseTime(row.arrived)}
	if table == "headcounts" {
		_, err := tx.Exec(`UPDATE headcounts SET undone_at = ?, undone_by = ? WHERE client_id = ?`, stamp, who, res.ID)
		if err != nil {
			return nil, fmt.Errorf("mark undone: %w", err)
		}
		return []Event{ev}, nil
	}
	_, err := tx.Exec(`UPDATE checkins SET undone_at = ?, undone_by = ?, undo_seq = ? WHERE client_id = ?`,
		stamp, who, ix.seq+1, res.ID)
	if err != nil {
		return nil, fmt.Errorf("mark undone: %w", err)
	}
	ix.seq++
	delete(ix.active, actionLeader{row.action, row.leader})
	ev.Kind = "undo"
	return []Event{ev}, nil
}

type undoRow struct {
	action, institution, door, leader int64
	count                             int
	undoneAt, arrived                 string
}

func undoTarget(tx *sql.Tx, table string, action int64, id string) (undoRow, error) {
	r := undoRow{action: action}
	cols := "1, leader_id, scanned_at"
	if table == "headcounts" {
		cols = "count, 0, recorded_at"
	}
	err := tx.QueryRow(`SELECT institution_id, coalesce(door_id, 0), `+cols+`, coalesce(undone_at, '')
		FROM `+table+` WHERE client_id = ? AND action_id = ?`, id, action).
		Scan(&r.institution, &r.door, &r.count, &r.leader, &r.arrived, &r.undoneAt)
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	if err != nil {
		return r, fmt.Errorf("look up %s: %w", table, err)
	}
	return r, nil
}
