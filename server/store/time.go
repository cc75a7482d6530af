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

// parseStamp reads a time as formatTime writes it, without the general
// parser's cost, which a rebuild pays for every check-in; anything else
// goes to parseTime.
func parseStamp(b []byte) time.Time {
	if len(b) != len(timeLayout) || b[4] != '-' || b[10] != 'T' || b[19] != '.' || b[23] != 'Z' {
		return parseTime(string(b))
	}
	n := func(i, j int) int {
		v := 0
		for _, c := range b[i:j] {
			v = v*10 + int(c-'0')
		}
		return v
	}
	return time.Date(n(0, 4), time.Month(n(5, 7)), n(8, 10), n(11, 13), n(14, 16), n(17, 19), n(20, 23)*1e6, time.UTC)
}
