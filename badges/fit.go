package badges

import (
	"math"
	"sort"
	"strings"
)

// widthFunc returns the width of s, in inches, set at a size of one point.
type widthFunc func(s string) float64

// fit bounds the font size of a block of text, in points.
type fit struct {
	max   float64 // largest size, for short text
	min   float64 // smallest one-line size; wrapped lines start here
	floor float64 // smallest size of wrapped lines, cut with an ellipsis below it
	lines int     // 1, or 2 to allow wrapping
}

// fitText lays s out in a box w inches wide: on one line shrunk from f.max
// down to f.min, else on two balanced lines shrunk down to f.floor, else cut
// with an ellipsis. It returns the lines and their font size; every line is
// at most w wide at that size.
func fitText(width widthFunc, s string, w float64, f fit) ([]string, float64) {
	u := width(s)
	if u <= 0 {
		return []string{s}, f.max
	}
	if size := sizeFor(w, u, f.max); size >= f.min {
		return []string{s}, size
	}
	if f.lines < 2 {
		return []string{truncate(width, s, w/f.min)}, f.min
	}
	if a, b, u2, ok := balancedBreak(width, s); ok && sizeFor(w, u2, f.min) >= f.floor {
		return []string{a, b}, sizeFor(w, u2, f.min)
	}
	first, rest := fillLine(width, s, w/f.floor)
	if rest == "" {
		return []string{first}, f.floor
	}
	return []string{first, truncate(width, rest, w/f.floor)}, f.floor
}

// sizeFor returns the font size, at most max and rounded down to a
// hundredth of a point, at which text u inches wide at one point spans w.
func sizeFor(w, u, max float64) float64 {
	return min(max, math.Floor(w/u*100)/100)
}

// balancedBreak splits s in two lines at the space or hyphen that makes the
// wider line narrowest, and returns that width at one point.
func balancedBreak(width widthFunc, s string) (a, b string, u float64, ok bool) {
	for i, r := range s {
		if r != ' ' && r != '-' || i == 0 {
			continue
		}
		end, next := i, i+1 // a space is dropped, a hyphen ends the first line
		if r == '-' {
			end = next
		}
		x, y := s[:end], strings.TrimLeft(s[next:], " ")
		if x == "" || y == "" {
			continue
		}
		if wx := max(width(x), width(y)); !ok || wx < u {
			a, b, u, ok = x, y, wx, true
		}
	}
	return a, b, u, ok
}

// fillLine returns the longest start of s, ending at a space when one
// allows, that fits limit (a width at one point), and the rest of s.
func fillLine(width widthFunc, s string, limit float64) (line, rest string) {
	rs := []rune(s)
	n := sort.Search(len(rs)+1, func(n int) bool { return width(string(rs[:n])) > limit }) - 1
	n = max(n, 1) // a line holds at least one rune, whatever the box
	if n >= len(rs) {
		return s, ""
	}
	if sp := lastSpace(rs[:n+1]); sp > 0 {
		n = sp
	}
	return strings.TrimRight(string(rs[:n]), " "), strings.TrimLeft(string(rs[n:]), " ")
}

// lastSpace returns the index of the last space in rs, or -1.
func lastSpace(rs []rune) int {
	for i := len(rs) - 1; i >= 0; i-- {
		if rs[i] == ' ' {
			return i
		}
	}
	return -1
}

// truncate returns s, or its longest start followed by an ellipsis, that
// fits limit (a width at one point).
func truncate(width widthFunc, s string, limit float64) string {
	if width(s) <= limit {
		return s
	}
	rs := []rune(s)
	cut := func(n int) string { return strings.TrimRight(string(rs[:n]), " ") + ellipsis }
	n := sort.Search(len(rs), func(n int) bool { return width(cut(n)) > limit }) - 1
	return cut(max(n, 0))
}
