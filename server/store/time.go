package store

import (
	"database/sql"
	"time"
)

// timeLayout is how the database keeps a time: UTC, to the millisecond, so
// that text order is time order.
const timeLayout = "2006-01-02T15:04:05.000Z"

// formatTime writes t as the database keeps it.
func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// parseTime reads a time the database kept; the zero time if it is not one.
func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// nullTime reads a time that may be NULL.
func nullTime(s sql.NullString) *time.Time {
	if !s.Valid {
		return nil
	}
	t := parseTime(s.String)
	return &t
}

// stamp is the current time as the database keeps it: UTC, to the millisecond.
func (s *Store) stamp() time.Time { return s.now().UTC().Truncate(time.Millisecond) }
