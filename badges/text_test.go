package badges

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"
)

func TestClean(t *testing.T) {
	tests := []struct {
		name, in, want string
		max            int
	}{
		{"latin", "José Ñúñez Müller", "José Ñúñez Müller", 200},
		{"decomposed", "Jose\u0301 N\u0303u\u0301n\u0303ez", "José Ñúñez", 200},
		{"stray mark", "\u0301a b\u0323", "a b", 200},
		{"cp1252 extras", "Œuvre – “x” €", "Œuvre – “x” €", 200},
		{"folded", "Łukasz Dvořák Őz", "Lukasz Dvorák Oz", 200},
		{"replaced", "王小明 Ли", "??? ??", 200},
		{"bidi and zero width", "\u202eAna\u200f \u200dLi\ufeff", "Ana Li", 200},
		{"controls and spaces", " a\t\n\x00b \u00a0 c\r", "a b c", 200},
		{"html", "<script>alert(1)</script>", "<script>alert(1)</script>", 200},
		{"invalid utf-8", "a\xffb", "a?b", 200},
		{"soft hyphen", "Villa\u00adseñor", "Villaseñor", 200},
		{"long", strings.Repeat("x", 200), strings.Repeat("x", 9) + ellipsis, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := clean(tt.in, tt.max); got != tt.want {
				t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestCleanOnlyCP1252 checks that whatever goes in, only text the core
// fonts can draw comes out, within the rune limit.
func TestCleanOnlyCP1252(t *testing.T) {
	var all strings.Builder
	for r := rune(0); r < 0x3000; r++ {
		all.WriteRune(r)
	}
	got := clean(all.String(), 20000)
	for _, r := range got {
		if !inCP1252(r) {
			t.Fatalf("clean kept %U, which cp1252 lacks", r)
		}
	}
	if n := utf8.RuneCountInString(clean(strings.Repeat("ab ", 5000), 120)); n > 120 {
		t.Errorf("clean of 15,000 runes kept %d, want at most 120", n)
	}
}

// TestFitText checks, with the real font metrics, that names stay inside
// the name box of each layout.
func TestFitText(t *testing.T) {
	long := "María de los Ángeles Guadalupe Hernández-Villaseñor y Cortés"
	names := []struct {
		name      string
		lines     int  // wanted number of lines
		ellipsis  bool // cut
		fullWidth bool
	}{
		{"Ana Li", 1, false, false},
		{"José Ñúñez", 1, false, false},
		{long, 2, false, false},
		{clean(strings.Repeat("Guadalupe ", 1000), maxNameRunes), 2, true, false},
		{clean(strings.Repeat("W", 10000), maxNameRunes), 2, true, true},
	}
	width := coreWidth(t, sans, "B")
	for _, g := range []geometry{insertGeometry(), cardGeometry()} {
		for _, tt := range names {
			lines, size := fitText(width, tt.name, g.name.w, g.nameFit)
			if len(lines) != tt.lines {
				t.Errorf("fit %.20q in %.2f in: %d lines %q, want %d", tt.name, g.name.w, len(lines), lines, tt.lines)
			}
			if size < g.nameFit.floor || size > g.nameFit.max {
				t.Errorf("fit %.20q: size %.1f outside [%v, %v]", tt.name, size, g.nameFit.floor, g.nameFit.max)
			}
			for _, l := range lines {
				if w := width(l) * size; w > g.name.w {
					t.Errorf("fit %.20q: line %q is %.3f in wide, box %.3f", tt.name, l, w, g.name.w)
				}
			}
			if cut := strings.HasSuffix(lines[len(lines)-1], ellipsis); cut != tt.ellipsis {
				t.Errorf("fit %.20q: last line %q, want ellipsis %t", tt.name, lines[len(lines)-1], tt.ellipsis)
			}
			if got := strings.Join(lines, " "); !tt.ellipsis && strings.ReplaceAll(got, "- ", "-") != tt.name {
				t.Errorf("fit %.20q: lines %q lose text", tt.name, lines)
			}
		}
	}
}

func TestFitTextSizes(t *testing.T) {
	width := coreWidth(t, sans, "B")
	f := fit{max: 34, min: 22, floor: 13, lines: 2}
	_, short := fitText(width, "Ana Li", 3.6, f)
	_, medium := fitText(width, "Guadalupe Hernández Zúñiga", 3.6, f)
	if short != f.max {
		t.Errorf("short name at %.1f pt, want %v", short, f.max)
	}
	if medium >= short || medium < f.floor {
		t.Errorf("medium name at %.1f pt, want below %.1f and at least %v", medium, short, f.floor)
	}
	lines, size := fitText(width, "Ana", 3.6, fit{max: 10, min: 8, floor: 8, lines: 1})
	if len(lines) != 1 || size != 10 {
		t.Errorf("one-line fit = %q at %v, want one line at 10", lines, size)
	}
	lines, _ = fitText(width, strings.Repeat("a", 500), 1, fit{max: 10, min: 8, floor: 8, lines: 1})
	if len(lines) != 1 || !strings.HasSuffix(lines[0], ellipsis) || width(lines[0])*8 > 1 {
		t.Errorf("one-line fit of a long text = %q, want one line cut to 1 in", lines)
	}
}

// coreWidth returns the widthFunc of a core font, as Render measures it.
func coreWidth(tb testing.TB, family, style string) widthFunc {
	tb.Helper()
	pdf := fpdf.New("P", "in", "Letter", "")
	pdf.SetFont(family, style, 12)
	tr := pdf.UnicodeTranslatorFromDescriptor("")
	if err := pdf.Error(); err != nil {
		tb.Fatal(err)
	}
	return func(s string) float64 { return float64(pdf.GetStringSymbolWidth(tr(s))) / 1000 / 72 }
}
