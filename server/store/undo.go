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
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
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
		_, err = tx.Exec(`UPDATE `+table+` SET undone_at = ?, undone_by = ? WHERE client_id = ?`,
			formatTime(res.At), by.String(), id)
		if err != nil {
			return nil, fmt.Errorf("mark undone: %w", err)
		}
		kind := map[string]string{"checkins": "undo", "headcounts": "headcount_undo"}[table]
		return []Event{{Kind: kind, Action: action, Institution: row.institution, Leader: row.leader,
			Delta: -row.count, At: res.At}}, nil
	})
	if err != nil {
		return UndoResult{}, fmt.Errorf("undo %s: %w", id, err)
	}
	return res, nil
}

type undoRow struct {
	institution, door int64
	leader            int64 // 0 for a headcount
	count             int
	undoneAt          string
}

func undoTarget(tx *sql.Tx, table string, action int64, id string) (undoRow, error) {
	var r undoRow
	count, leader := "1", "leader_id"
	if table == "headcounts" {
		count, leader = "count", "0"
	}
	err := tx.QueryRow(`SELECT institution_id, coalesce(door_id, 0), `+count+`, coalesce(undone_at, ''), `+leader+`
		FROM `+table+` WHERE client_id = ? AND action_id = ?`, id, action).
		Scan(&r.institution, &r.door, &r.count, &r.undoneAt, &r.leader)
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	if err != nil {
		return r, fmt.Errorf("look up %s: %w", table, err)
	}
	return r, nil
}
