package store

import (
	"strings"
	"unicode/utf8"
)

// checkName is the rule every name of a record follows: present, valid
// text, at most 200 characters.
func checkName(field, name string) error {
	if name == "" {
		return invalid(field, "empty")
	}
	if !utf8.ValidString(name) || strings.ContainsRune(name, 0) {
		return invalid(field, "not valid text")
	}
	if utf8.RuneCountInString(name) > 200 {
		return invalid(field, "longer than 200 characters")
	}
	return nil
}
