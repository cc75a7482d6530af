package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

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
	rows, err := s.read.QueryContext(ctx, `SELECT l.code, l.name, l.institution_id, c.scanned_at, coalesce(d.name, '')
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
