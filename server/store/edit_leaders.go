package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// LeaderInfo is a leader as the console lists and edits it.
type LeaderInfo struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Phone       string `json:"phone"`
	Email       string `json:"email"`
	Language    string `json:"language"`
	Code        string `json:"code"`
	WalkIn      bool   `json:"walk_in"`
	Institution Ref    `json:"institution"`
	Chapter     Ref    `json:"chapter"`
}

// LeaderFilter narrows a leader list: Query matches names accent- and
// case-insensitively, or phone digits; Limit caps the answer (default 200).
type LeaderFilter struct {
	Query       string
	Institution int64
	Limit       int
}

// Leaders lists leaders matching f, ordered by name, and how many matched
// in all.
func (s *Store) Leaders(ctx context.Context, f LeaderFilter) ([]LeaderInfo, int, error) {
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 200
	}
	q, digits := Fold(f.Query), onlyDigits(f.Query)
	out, total := []LeaderInfo{}, 0
	err := eachRow(ctx, s.read, `SELECT l.id, l.name, l.phone, l.email, l.language, l.code, l.walk_in,
		i.id, i.name, c.id, c.name FROM leaders l JOIN institutions i ON i.id = l.institution_id
		JOIN chapters c ON c.id = i.chapter_id WHERE ?1 = 0 OR l.institution_id = ?1
		ORDER BY l.name COLLATE NOCASE, l.id`, func(rows *sql.Rows) error {
		var l LeaderInfo
		err := rows.Scan(&l.ID, &l.Name, &l.Phone, &l.Email, &l.Language, &l.Code, &l.WalkIn,
			&l.Institution.ID, &l.Institution.Name, &l.Chapter.ID, &l.Chapter.Name)
		if err != nil || !leaderMatches(l, q, digits) {
			return err
		}
		if total++; len(out) < f.Limit {
			out = append(out, l)
		}
		return nil
	}, f.Institution)
	if err != nil {
		return nil, 0, fmt.Errorf("list leaders: %w", err)
	}
	return out, total, nil
}

// leaderMatches: every word of the query is in the name (accents and case
// aside), or the query is a number found in the phone.
func leaderMatches(l LeaderInfo, q, digits string) bool {
	if q == "" {
		return true
	}
	if len(digits) >= 3 && strings.ReplaceAll(q, " ", "") == digits {
		return strings.Contains(onlyDigits(l.Phone), digits)
	}
	name := Fold(l.Name)
	for _, w := range strings.Fields(q) {
		if !strings.Contains(name, w) {
			return false
		}
	}
	return true
}

func onlyDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// UpdateLeader changes a leader's name, institution, phone, email and
// language. Check-ins already made keep the institution they were made for.
func (s *Store) UpdateLeader(ctx context.Context, id int64, nl NewLeader) error {
	if err := nl.check(); err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		if _, err := institutionRef(tx, nl.Institution); err != nil {
			return nil, err
		}
		res, err := tx.Exec(`UPDATE leaders SET name = ?, institution_id = ?, phone = ?, email = ?, language = ?
			WHERE id = ?`, nl.Name, nl.Institution, nl.Phone, nl.Email, nl.Language, id)
		if err != nil {
			return nil, fmt.Errorf("update leader: %w", err)
		}
		return nil, affected(res, "leader", id)
	})
}

// DeleteLeader removes a leader who was never checked in, with their badge
// codes; a leader with check-ins stays (ErrInUse), so counts never change.
func (s *Store) DeleteLeader(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		var n int
		err := tx.QueryRow(`SELECT (SELECT count(*) FROM checkins WHERE leader_id = ?1) +
			(SELECT count(*) FROM walkins WHERE leader_id = ?1)`, id).Scan(&n)
		if err != nil {
			return nil, fmt.Errorf("check leader %d: %w", id, err)
		}
		if n > 0 {
			return nil, ErrInUse
		}
		if _, err := tx.Exec(`DELETE FROM badge_codes WHERE leader_id = ?`, id); err != nil {
			return nil, fmt.Errorf("delete badge codes: %w", err)
		}
		res, err := tx.Exec(`DELETE FROM leaders WHERE id = ?`, id)
		if err != nil {
			return nil, inUseErr(err, "delete leader")
		}
		return nil, affected(res, "leader", id)
	})
}
