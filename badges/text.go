package badges

import (
	"strings"
	"unicode"
)

// ellipsis marks text cut to fit; it is in cp1252 (0x85) and in the core fonts.
const ellipsis = "…"

// cp1252Extras are the runes cp1252 places in 0x80-0x9F.
const cp1252Extras = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"

// clean returns s reduced to what the PDF core fonts can draw: combining
// accents composed onto their letter where cp1252 has the result (or
// dropped), control and format characters (bidi marks, zero-width joiners)
// dropped, runs of white space collapsed to one space, other runes folded to
// a base Latin letter or replaced with '?'. The result is at most maxRunes
// runes long, cut with an ellipsis, so hostile input costs little downstream.
func clean(s string, maxRunes int) string {
	out := make([]rune, 0, min(len(s), maxRunes+1))
	space := false
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc):
			if !space {
				composeLast(out, r)
			}
			continue
		case unicode.IsSpace(r):
			space = len(out) > 0
			continue
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			continue
		}
		if space {
			out, space = append(out, ' '), false
		}
		out = append(out, toCP1252(r)...)
		if len(out) > maxRunes {
			return strings.TrimRight(string(out[:maxRunes-1]), " ") + ellipsis
		}
	}
	return string(out)
}

// inCP1252 reports whether r has a glyph in cp1252.
func inCP1252(r rune) bool {
	return r >= 0x20 && r < 0x7f || r >= 0xa0 && r <= 0xff && r != 0xad ||
		strings.ContainsRune(cp1252Extras, r)
}

// toCP1252 returns r if cp1252 has it, else its base Latin letters keeping
// r's case, else '?'.
func toCP1252(r rune) []rune {
	if inCP1252(r) {
		return []rune{r}
	}
	base := foldRune(unicode.ToLower(r))
	if base == "" {
		return []rune{'?'}
	}
	if unicode.IsUpper(r) {
		base = strings.ToUpper(base[:1]) + base[1:]
	}
	return []rune(base)
}

// composeLast replaces the last rune of out with its composition with the
// combining mark, when cp1252 has one; otherwise the mark is dropped.
func composeLast(out []rune, mark rune) {
	if len(out) == 0 {
		return
	}
	bases, results := composition(mark)
	if i := strings.IndexRune(bases, out[len(out)-1]); i >= 0 {
		out[len(out)-1] = []rune(results)[i]
	}
}

// composition returns the ASCII letters a combining mark composes with in
// cp1252 and, at the same positions, the composed letters.
func composition(mark rune) (bases, results string) {
	switch mark {
	case 0x0300: // grave
		return "AEIOUaeiou", "ÀÈÌÒÙàèìòù"
	case 0x0301: // acute
		return "AEIOUYaeiouy", "ÁÉÍÓÚÝáéíóúý"
	case 0x0302: // circumflex
		return "AEIOUaeiou", "ÂÊÎÔÛâêîôû"
	case 0x0303: // tilde
		return "ANOano", "ÃÑÕãñõ"
	case 0x0308: // diaeresis
		return "AEIOUYaeiouy", "ÄËÏÖÜŸäëïöüÿ"
	case 0x030A: // ring above
		return "Aa", "Åå"
	case 0x030C: // caron
		return "SZsz", "ŠŽšž"
	case 0x0327: // cedilla
		return "Cc", "Çç"
	}
	return "", ""
}
