package store

import "strings"

// formulaStarts are the first characters that make a spreadsheet run a cell
// as a formula (or, for a tab and a carriage return, hide one).
const formulaStarts = "=+-@\t\r"

// GuardCell keeps a spreadsheet from running a cell as a formula (CSV
// injection): a cell starting with = + - @, a tab or a carriage return gets a
// leading apostrophe. Every CSV Presente writes guards its cells with it,
// and an import takes the apostrophe off again (unguardCell).
func GuardCell(s string) string {
	if s != "" && strings.ContainsRune(formulaStarts, rune(s[0])) {
		return "'" + s
	}
	return s
}

// unguardCell undoes GuardCell, so that an exported roster imported again
// reads as it was: "'+1 919…" is "+1 919…". An apostrophe that guards
// nothing ("'Ohana") is part of the text.
func unguardCell(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune(formulaStarts, rune(s[1])) {
		return s[1:]
	}
	return s
}
