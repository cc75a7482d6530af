package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Attendee is one leader checked in at an action, as an organizer exports
// who came.
type Attendee struct {
	Name        string    `json:"name"`
	Phone       string    `json:"phone"`
	Email       string    `json:"email"`
	Institution Ref       `json:"institution"` // as it was at check-in
	Chapter     Ref       `json:"chapter"`
	Source      string    `json:"source"`
	At          time.Time `json:"at"`
	Door        string    `json:"door"`
}

// Attendance lists every check-in in force at an action, by chapter,
// institution and name. Purged check-ins are gone from it.
func (s *Store) Attendance(ctx context.Context, action int64) ([]Attendee, error) {
	out := []Attendee{}
	err := eachRow(ctx, s.read, `SELECT l.name, l.phone, l.email, i.id, i.name, c.id, c.name, k.source, k.scanned_at,
		coalesce(d.name, '') FROM checkins k JOIN leaders l ON l.id = k.leader_id
		JOIN institutions i ON i.id = k.institution_id JOIN chapters c ON c.id = i.chapter_id
		LEFT JOIN doors d ON d.id = k.door_id
		WHERE k.action_id = ? AND k.undone_at IS NULL
		ORDER BY c.name COLLATE NOCASE, c.id, i.name COLLATE NOCASE, i.id, l.name COLLATE NOCASE, l.id`,
		func(rows *sql.Rows) error {
			var a Attendee
			var at string
			err := rows.Scan(&a.Name, &a.Phone, &a.Email, &a.Institution.ID, &a.Institution.Name,
				&a.Chapter.ID, &a.Chapter.Name, &a.Source, &at, &a.Door)
			a.At = parseTime(at)
			out = append(out, a)
			return err
		}, action)
	if err != nil {
		return nil, fmt.Errorf("attendance of action %d: %w", action, err)
	}
	return out, nil
}
