package badges

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
)

// lastKey sorts after every other key: 0xFF never occurs in UTF-8.
const lastKey = "\xff"

// entry is a leader with its sort keys: chapter, institution, name.
type entry struct {
	Leader
	keys [3]string
}

// sortLeaders returns a sorted copy of ls, by chapter, then institution,
// then name, compared by sortKey; ties keep their input order.
func sortLeaders(ls []Leader) []entry {
	es := make([]entry, len(ls))
	for i, l := range ls {
		es[i] = entry{Leader: l, keys: [3]string{
			sortKey(l.Chapter), sortKey(l.Institution), sortKey(l.Name),
		}}
	}
	slices.SortStableFunc(es, compareEntries)
	return es
}

// compareEntries orders entries by their keys, then by the exact name so
// that names differing only in accents or case have a fixed order.
func compareEntries(a, b entry) int {
	return cmp.Or(
		strings.Compare(a.keys[0], b.keys[0]),
		strings.Compare(a.keys[1], b.keys[1]),
		strings.Compare(a.keys[2], b.keys[2]),
		strings.Compare(a.Name, b.Name),
	)
}

// sortKey folds s for a case- and accent-insensitive comparison: "Álvarez"
// sorts with "alvarez". As in Spanish, ñ is its own letter after n ("Peña"
// after "Penagos"). Runs of spaces and punctuation count as one space; an
// empty s sorts last.
func sortKey(s string) string {
	var b strings.Builder
	gap := false
	for _, r := range strings.ToLower(s) {
		if unicode.Is(unicode.Mn, r) {
			writeMark(&b, r)
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			gap = b.Len() > 0
			continue
		}
		if gap {
			b.WriteByte(' ')
			gap = false
		}
		writeFolded(&b, r)
	}
	if b.Len() == 0 {
		return lastKey
	}
	return b.String()
}

// writeFolded writes the lower-case rune r without its accents. '~' sorts
// after every letter, so "n~" puts ñ between n and o.
func writeFolded(b *strings.Builder, r rune) {
	if r == 'ñ' {
		b.WriteString("n~")
		return
	}
	if base := foldRune(r); base != "" {
		b.WriteString(base)
		return
	}
	b.WriteRune(r)
}

// writeMark keeps a decomposed ñ ("n" and a combining tilde) apart from n,
// as writeFolded does for a composed one; other combining marks are dropped.
func writeMark(b *strings.Builder, mark rune) {
	if mark == 0x0303 && strings.HasSuffix(b.String(), "n") {
		b.WriteByte('~')
	}
}

// groupByInstitution splits sorted entries into runs of one chapter and
// institution: one packet each.
func groupByInstitution(es []entry) [][]entry {
	var groups [][]entry
	start := 0
	for i := 1; i <= len(es); i++ {
		if i == len(es) || es[i].keys[0] != es[start].keys[0] || es[i].keys[1] != es[start].keys[1] {
			groups = append(groups, es[start:i])
			start = i
		}
	}
	return groups
}
