package store

import (
	"context"
	"database/sql"
	"fmt"
)

// A need counted at a door (+1 headset) travels like a headcount, by its
// client id, so the hub's totals and every other node's hold each venue's
// counts once.

func (s *Store) fillNeed(ctx context.Context, w *Write) error {
	var at string
	err := s.read.QueryRowContext(ctx, `SELECT a.uid, coalesce(d.name, ''), n.position, n.count, n.recorded_at
		FROM need_counts n JOIN actions a ON a.id = n.action_id LEFT JOIN doors d ON d.id = n.door_id
		WHERE n.client_id = ?`, w.ID).Scan(&w.Action, &w.Door, &w.Position, &w.Count, &at)
	w.At = parseTime(at)
	return err
}

// applyNeed records another node's need count once. It counts even where
// the need is not named yet: the names come down from the hub, and the
// count shows under its position once they do.
func applyNeed(tx *sql.Tx, ix *index, w Write, action int64) ([]Event, error) {
	if w.Position < 1 || w.Position > MaxNeeds || w.Count < 1 || w.Count > MaxHeadcount {
		return nil, invalid("need", "position or count out of range")
	}
	if found, err := exists(tx, "need_counts", w.ID); found || err != nil {
		return nil, err
	}
	_, err := tx.Exec(`INSERT INTO need_counts (client_id, action_id, position, count, recorded_at, origin)
		VALUES (?, ?, ?, ?, ?, ?)`, w.ID, action, w.Position, w.Count, formatTime(w.At), w.Origin)
	if err != nil {
		return nil, fmt.Errorf("insert need count: %w", err)
	}
	res := NeedResult{Status: StatusRecorded, ID: w.ID, Position: w.Position, Count: w.Count, At: w.At}
	return nil, saveReplyOnce(tx, ix, w.ID, "need", action, &res)
}
