package badges

import "strings"

// foldGroups lists lower-case Latin letters with diacritics and ligatures
// under the plain letters they sort and degrade to.
var foldGroups = [...]struct{ base, runes string }{
	{"a", "àáâãäåāăąǎ"}, {"ae", "æ"}, {"c", "çćĉċč"}, {"d", "ďđð"},
	{"e", "èéêëēĕėęě"}, {"g", "ĝğġģ"}, {"h", "ĥħ"}, {"i", "ìíîïĩīĭįıǐ"},
	{"j", "ĵ"}, {"k", "ķ"}, {"l", "ĺļľŀł"}, {"n", "ñńņňŉ"},
	{"o", "òóôõöøōŏőǒ"}, {"oe", "œ"}, {"r", "ŕŗř"}, {"s", "śŝşšș"},
	{"ss", "ß"}, {"t", "ţťŧț"}, {"th", "þ"}, {"u", "ùúûüũūŭůűųǔ"},
	{"w", "ŵ"}, {"y", "ýÿŷ"}, {"z", "źżž"},
}

// foldRune returns the plain letters for a lower-case accented Latin letter,
// or "" when r is not one.
func foldRune(r rune) string {
	if r < 0x80 {
		return ""
	}
	for _, g := range foldGroups {
		if strings.ContainsRune(g.runes, r) {
			return g.base
		}
	}
	return ""
}
