package store

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxNameLength bounds every name of a record, in characters.
const MaxNameLength = 200

// Why a name or a contact cannot be kept, as stable codes: the import shows
// them per row, the API as an invalid field's reason.
const (
	textMissing = "missing"
	textInvalid = "bad_text"
	textControl = "control_characters"
	textLong    = "too_long"
)

// textReasons is what InvalidError says of each code.
var textReasons = map[string]string{
	textMissing: "empty",
	textInvalid: "not valid text",
	textControl: "contains a control character (an escape, a bell, a C0 or C1 code)",
	textLong:    "too long",
}

// nameProblem is the rule every name of a record follows, whoever writes
// it (the console, a door, a paper sheet, an import, the command line):
// present, valid UTF-8, no control character, at most MaxNameLength
// characters. It gives the problem's code, or "" for a good name. Control
// characters are refused, not kept: a terminal, a log or a spreadsheet
// would act on them.
func nameProblem(name string) string {
	switch {
	case name == "":
		return textMissing
	case !utf8.ValidString(name):
		return textInvalid
	case hasControl(name):
		return textControl
	case utf8.RuneCountInString(name) > MaxNameLength:
		return textLong
	}
	return ""
}

// hasControl reports whether s holds a control character: C0 (tab and line
// breaks included), DEL or C1.
func hasControl(s string) bool { return strings.IndexFunc(s, unicode.IsControl) >= 0 }

// checkName refuses a name that breaks nameProblem's rule.
func checkName(field, name string) error {
	switch p := nameProblem(name); p {
	case "":
		return nil
	case textLong:
		return invalid(field, fmt.Sprintf("longer than %d characters", MaxNameLength))
	default:
		return invalid(field, textReasons[p])
	}
}

// contactProblem is the rule of a phone or an email, which may be empty:
// valid text with no control character, at most max bytes.
func contactProblem(value string, max int) string {
	switch {
	case !utf8.ValidString(value):
		return textInvalid
	case hasControl(value):
		return textControl
	case len(value) > max:
		return textLong
	}
	return ""
}

// checkContact refuses a phone or an email that breaks contactProblem's rule.
func checkContact(field, value string, max int) error {
	if p := contactProblem(value, max); p != "" {
		return invalid(field, textReasons[p])
	}
	return nil
}

// shownLength is how much of a refused value a preview shows.
const shownLength = 80

// shown is a refused value as a preview may show it: each control
// character replaced by U+FFFD, where the organizer can see it, and a value
// too long cut to its start and an ellipsis.
func shown(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return '\uFFFD'
		}
		return r
	}, s)
	if utf8.RuneCountInString(s) <= shownLength {
		return s
	}
	return string([]rune(s)[:shownLength-1]) + "…"
}
