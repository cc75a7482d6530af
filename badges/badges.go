// Package badges renders leaders' badge codes as QR images and as printable
// PDF sheets of name badges, grouped in one packet per institution.
//
// It knows nothing of HTTP or SQL: callers hand it plain values.
package badges

import (
	"errors"
	"fmt"
	"strings"
)

// Leader is one badge to print.
type Leader struct {
	Name        string // display name, may have accents, ñ, up to 60+ chars
	Institution string
	Chapter     string
	Language    string // "es" or "en"; anything else -> "es"
	Code        string // upper-case Crockford base32, 16 chars (80 bits)
}

// Action is the event the badges are printed for.
type Action struct {
	Name  string
	Date  string // ISO "2026-12-12"; rendered in each leader's language
	Venue string
}

// Layout names a sheet layout.
type Layout string

// The sheet layouts Render knows.
const (
	LayoutInsert Layout = "insert" // 4 x 3 in name-badge insert, 6 per US Letter sheet (2 x 3)
	LayoutCard   Layout = "card"   // 3.5 x 2 in card, 10 per US Letter sheet (2 x 5)
)

// ErrNoBadges is returned by Render when there is no leader to print.
var ErrNoBadges = errors.New("no badges to print")

// ErrUnknownLayout is returned, wrapped, for a layout name that is not known.
var ErrUnknownLayout = errors.New("unknown badge layout")

// ErrBadCode is returned, wrapped, for a code that is not 16 to 20
// Crockford base32 characters.
var ErrBadCode = errors.New("bad badge code")

// Code length bounds: 16 characters carry the 80 bits the design requires;
// up to 20 still fit a version 2 QR at level H, the size layouts plan for.
const (
	minCodeLen = 16
	maxCodeLen = 20
)

// ParseLayout returns the layout named s. The empty string means
// LayoutInsert; case and surrounding spaces are ignored.
func ParseLayout(s string) (Layout, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", string(LayoutInsert):
		return LayoutInsert, nil
	case string(LayoutCard):
		return LayoutCard, nil
	}
	return "", fmt.Errorf("parse layout %q (want insert or card): %w", s, ErrUnknownLayout)
}

// FormatCode groups a code in fours for typing: "7KQ2 M9XD 4TBW 0RHA".
// Spaces and hyphens already in code are dropped and letters upper-cased,
// so formatting is idempotent.
func FormatCode(code string) string {
	c := normalizeCode(code)
	var b strings.Builder
	for i, r := range c {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// normalizeCode upper-cases code and drops spaces and hyphens, which
// Crockford base32 allows as readability separators.
func normalizeCode(code string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return -1
		}
		return r
	}, strings.ToUpper(code))
}

// checkCode returns the normalized code, or an error wrapping ErrBadCode.
func checkCode(code string) (string, error) {
	c := normalizeCode(code)
	if len(c) < minCodeLen || len(c) > maxCodeLen {
		return "", fmt.Errorf("code of %d characters: %w", len(c), ErrBadCode)
	}
	for _, r := range c {
		if !isCrockford(r) {
			return "", fmt.Errorf("code character %q: %w", r, ErrBadCode)
		}
	}
	return c, nil
}

// isCrockford reports whether r is an upper-case Crockford base32 digit.
func isCrockford(r rune) bool {
	switch {
	case r >= '0' && r <= '9':
		return true
	case r == 'I', r == 'L', r == 'O', r == 'U':
		return false
	}
	return r >= 'A' && r <= 'Z'
}
