package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// BadgeLeader is what a printed badge shows of a leader.
type BadgeLeader struct {
	ID                                   int64
	Name, Institution, Chapter, Language string
	Code                                 string
}

// BadgeFilter narrows which leaders get badges; zero fields mean all.
type BadgeFilter struct {
	Institution int64
	Leader      int64
}

// BadgeLeaders returns the leaders to print, with the codes in force.
func (s *Store) BadgeLeaders(ctx context.Context, f BadgeFilter) ([]BadgeLeader, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT l.id, l.name, i.name, c.name, l.language, l.code
		FROM leaders l JOIN institutions i ON i.id = l.institution_id JOIN chapters c ON c.id = i.chapter_id
		WHERE (?1 = 0 OR i.id = ?1) AND (?2 = 0 OR l.id = ?2)
		ORDER BY c.name, i.name, l.name`, f.Institution, f.Leader)
	if err != nil {
		return nil, fmt.Errorf("badge leaders: %w", err)
	}
	defer rows.Close()
	var out []BadgeLeader
	for rows.Next() {
		var b BadgeLeader
		if err := rows.Scan(&b.ID, &b.Name, &b.Institution, &b.Chapter, &b.Language, &b.Code); err != nil {
			return nil, fmt.Errorf("badge leaders: %w", err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// ReissueCode gives a leader a new badge code and revokes the old one: the
// old badge is then answered "revoked" at the door, never "unknown".
func (s *Store) ReissueCode(ctx context.Context, leader int64) (string, error) {
	code := NewCode()
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		var old string
		err := tx.QueryRow(`SELECT code FROM leaders WHERE id = ?`, leader).Scan(&old)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("leader %d: %w", leader, ErrNotFound)
		}
		if err != nil {
			return nil, fmt.Errorf("look up leader: %w", err)
		}
		stamp := formatTime(s.stamp())
		if _, err := tx.Exec(`UPDATE badge_codes SET revoked_at = ? WHERE code = ?`, stamp, old); err != nil {
			return nil, fmt.Errorf("revoke code: %w", err)
		}
		if _, err := tx.Exec(`UPDATE leaders SET code = ? WHERE id = ?`, code, leader); err != nil {
			return nil, fmt.Errorf("set code: %w", err)
		}
		_, err = tx.Exec(`INSERT INTO badge_codes (code, leader_id) VALUES (?, ?)`, code, leader)
		return nil, err
	})
	if err != nil {
		return "", fmt.Errorf("reissue code: %w", err)
	}
	return code, nil
}
