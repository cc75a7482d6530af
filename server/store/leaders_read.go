package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
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
	Consent     bool   `json:"consent"`     // may be called, texted, exported
	ExternalID  string `json:"external_id"` // the id in a CRM, with its system
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
		l.consent, l.external_id, i.id, i.name, c.id, c.name FROM leaders l JOIN institutions i ON i.id = l.institution_id
		JOIN chapters c ON c.id = i.chapter_id WHERE ?1 = 0 OR l.institution_id = ?1
		ORDER BY l.name COLLATE NOCASE, l.id`, func(rows *sql.Rows) error {
		var l LeaderInfo
		err := rows.Scan(&l.ID, &l.Name, &l.Phone, &l.Email, &l.Language, &l.Code, &l.WalkIn,
			&l.Consent, &l.ExternalID, &l.Institution.ID, &l.Institution.Name, &l.Chapter.ID, &l.Chapter.Name)
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

// onlyDigits keeps the digits of a phone number or a query.
func onlyDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// RosterEntry is one leader as a door phone keeps it for offline answers.
type RosterEntry struct {
	Code        string     `json:"code"`
	Name        string     `json:"name"`
	Institution int64      `json:"institution"`
	CheckedIn   *time.Time `json:"checked_in_at,omitempty"`
	Door        string     `json:"door,omitempty"`
}

// Roster returns every leader with a badge in force and, for the action,
// when and where each was checked in.
func (s *Store) Roster(ctx context.Context, action int64) ([]RosterEntry, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT l.code, l.name, l.institution_id, c.scanned_at, `+placeSQL+`
		FROM leaders l
		LEFT JOIN checkins c ON c.leader_id = l.id AND c.action_id = ? AND c.undone_at IS NULL
		LEFT JOIN doors d ON d.id = c.door_id
		ORDER BY l.name COLLATE NOCASE, l.id`, action)
	if err != nil {
		return nil, fmt.Errorf("roster: %w", err)
	}
	defer rows.Close()
	out := []RosterEntry{}
	for rows.Next() {
		var e RosterEntry
		var at sql.NullString
		if err := rows.Scan(&e.Code, &e.Name, &e.Institution, &at, &e.Door); err != nil {
			return nil, fmt.Errorf("roster: %w", err)
		}
		if at.Valid {
			t := parseTime(at.String)
			e.CheckedIn = &t
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// ExportRow is one leader in a roster export.
type ExportRow struct {
	Code, Name, Institution, Chapter, Language, Phone, Email string
}

// ExportRoster returns every leader, ordered by chapter, institution, name.
func (s *Store) ExportRoster(ctx context.Context) ([]ExportRow, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT l.code, l.name, i.name, c.name, l.language, l.phone, l.email
		FROM leaders l JOIN institutions i ON i.id = l.institution_id JOIN chapters c ON c.id = i.chapter_id
		ORDER BY c.name COLLATE NOCASE, i.name COLLATE NOCASE, l.name COLLATE NOCASE, l.id`)
	if err != nil {
		return nil, fmt.Errorf("export roster: %w", err)
	}
	defer rows.Close()
	var out []ExportRow
	for rows.Next() {
		var r ExportRow
		if err := rows.Scan(&r.Code, &r.Name, &r.Institution, &r.Chapter, &r.Language, &r.Phone, &r.Email); err != nil {
			return nil, fmt.Errorf("export roster: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

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
