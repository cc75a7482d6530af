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
	Language    string    `json:"language"`
	Institution Ref       `json:"institution"` // as it was at check-in
	Chapter     Ref       `json:"chapter"`
	Source      string    `json:"source"`
	At          time.Time `json:"at"`
	Door        string    `json:"door"`
	FirstTime   bool      `json:"first_time"`
	Consent     bool      `json:"consent"`     // may be contacted and exported to a CRM
	ExternalID  string    `json:"external_id"` // the id in a CRM, with its system
	GivenName   string    `json:"given_name"`  // the given name(s) the name begins with, or "" (NewLeader)
}

// Attendance lists every check-in in force at an action, by chapter,
// institution and name. Purged check-ins are gone from it.
func (s *Store) Attendance(ctx context.Context, action int64) ([]Attendee, error) {
	out := []Attendee{}
	err := eachRow(ctx, s.read, firstsCTE+`
		SELECT l.name, l.phone, l.email, l.language, i.id, i.name, c.id, c.name, k.source, k.scanned_at,
		coalesce(d.name, ''), f.leader_id IS NOT NULL, l.consent, l.external_id, l.given_name
		FROM checkins k JOIN leaders l ON l.id = k.leader_id
		JOIN institutions i ON i.id = k.institution_id JOIN chapters c ON c.id = i.chapter_id
		LEFT JOIN doors d ON d.id = k.door_id
		LEFT JOIN firsts f ON f.action_id = k.action_id AND f.leader_id = k.leader_id
		WHERE k.action_id = ?1 AND k.undone_at IS NULL
		ORDER BY c.name COLLATE NOCASE, c.id, i.name COLLATE NOCASE, i.id, l.name COLLATE NOCASE, l.id`,
		func(rows *sql.Rows) error {
			var a Attendee
			var at string
			err := rows.Scan(&a.Name, &a.Phone, &a.Email, &a.Language, &a.Institution.ID, &a.Institution.Name,
				&a.Chapter.ID, &a.Chapter.Name, &a.Source, &at, &a.Door, &a.FirstTime, &a.Consent, &a.ExternalID,
				&a.GivenName)
			a.At = parseTime(at)
			out = append(out, a)
			return err
		}, action)
	if err != nil {
		return nil, fmt.Errorf("attendance of action %d: %w", action, err)
	}
	return out, nil
}

// Absentee is a leader of a committed institution who did not come, as a
// CRM export marks a no-show. Only those who agreed to be contacted.
type Absentee struct {
	Name        string `json:"name"`
	Phone       string `json:"phone"`
	Email       string `json:"email"`
	Language    string `json:"language"`
	Institution Ref    `json:"institution"`
	Chapter     Ref    `json:"chapter"`
	ExternalID  string `json:"external_id"`
	GivenName   string `json:"given_name"`
}

// Absentees lists the leaders on the roster of every institution committed
// to an action who have no check-in in force there and agreed to be
// contacted; none after a purge, when who came is no longer known.
func (s *Store) Absentees(ctx context.Context, action int64) ([]Absentee, error) {
	out := []Absentee{}
	err := eachRow(ctx, s.read, `SELECT l.name, l.phone, l.email, l.language, i.id, i.name, c.id, c.name, l.external_id,
		l.given_name FROM commitments m JOIN leaders l ON l.institution_id = m.institution_id
		JOIN institutions i ON i.id = l.institution_id JOIN chapters c ON c.id = i.chapter_id
		WHERE m.action_id = ?1 AND m.number > 0 AND l.consent = 1
		AND NOT EXISTS (SELECT 1 FROM purges p WHERE p.action_id = ?1)
		AND NOT EXISTS (SELECT 1 FROM checkins k WHERE k.action_id = ?1 AND k.leader_id = l.id AND k.undone_at IS NULL)
		ORDER BY c.name COLLATE NOCASE, c.id, i.name COLLATE NOCASE, i.id, l.name COLLATE NOCASE, l.id`,
		func(rows *sql.Rows) error {
			var a Absentee
			err := rows.Scan(&a.Name, &a.Phone, &a.Email, &a.Language, &a.Institution.ID, &a.Institution.Name,
				&a.Chapter.ID, &a.Chapter.Name, &a.ExternalID, &a.GivenName)
			out = append(out, a)
			return err
		}, action)
	if err != nil {
		return nil, fmt.Errorf("absentees of action %d: %w", action, err)
	}
	return out, nil
}
