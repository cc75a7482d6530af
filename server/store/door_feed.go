package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// MaxQueued bounds the unsent count a phone may report.
const MaxQueued = 1_000_000

// DoorContact records that a door's phone called in, with how many scans it
// still holds unsent.
func (s *Store) DoorContact(ctx context.Context, door int64, queued int) error {
	queued = min(max(queued, 0), MaxQueued)
	return s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		_, err := tx.Exec(`UPDATE doors SET last_seen_at = ?, queued = ? WHERE id = ?`,
			formatTime(s.now()), queued, door)
		if err != nil {
			return nil, fmt.Errorf("door contact: %w", err)
		}
		return nil, nil
	})
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
		c.scanned_at, coalesce(d.name, ''), c.source
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
