package badges

import (
	"bytes"
	"errors"
	"image"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// separatorRE matches the packet line only separator pages carry.
var separatorRE = regexp.MustCompile(`(Paquete|Packet) \d+ (de|of) \d+`)

// TestRenderDecodesEveryQR rasterizes the sheets as a printer would and
// decodes each badge's QR, checking it holds the code of the leader whose
// name is printed on that same badge, exactly once per leader.
func TestRenderDecodesEveryQR(t *testing.T) {
	ls := testLeaders(13, 2) // 7 and 6 badges
	for _, layout := range []Layout{LayoutInsert, LayoutCard} {
		t.Run(string(layout), func(t *testing.T) {
			t.Parallel()
			g, _ := geometryFor(layout)
			badges := decodeBadges(t, writePDF(t, render(t, ls, layout)), g)
			if len(badges) != len(ls) {
				t.Errorf("decoded %d QR codes, want %d", len(badges), len(ls))
			}
			for _, l := range ls {
				if text, ok := badges[l.Code]; !ok || !strings.Contains(text, l.Name) {
					t.Errorf("QR of %q (%s) is on the badge reading %q", l.Name, l.Code, text)
				}
			}
		})
	}
}

// decodeBadges rasterizes the badge sheets of the PDF at path and returns,
// for each QR code decoded, the text of the badge it is printed on. It
// fails for a QR decoded twice and for a badge without a readable QR.
func decodeBadges(tb testing.TB, path string, g geometry) map[string]string {
	tb.Helper()
	texts := pageTexts(tb, path)
	badges := map[string]string{}
	for p, img := range rasterize(tb, path, 150) {
		if separatorRE.MatchString(texts[p]) {
			continue
		}
		for i := range g.perPage() {
			cell := g.cell(i)
			code, text := decodeQR(tb, crop(img, cell, 150)), boxText(tb, path, p+1, cell)
			if _, seen := badges[code]; seen || code == "" && text != "" {
				tb.Errorf("page %d badge %d: QR %q unreadable or seen before, on %q", p+1, i+1, code, text)
			}
			if code != "" {
				badges[code] = text
			}
		}
	}
	return badges
}

// crop returns the part of a page image inside b (inches), at dpi.
func crop(img image.Image, b box, dpi float64) image.Image {
	r := image.Rect(int(b.x*dpi), int(b.y*dpi), int((b.x+b.w)*dpi), int((b.y+b.h)*dpi))
	return img.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(r)
}

// packetCase is an institution's expected packet: its separator text and
// its badges in order.
type packetCase struct {
	chapter, institution, lang string
	names                      []string // in the order they must print
	count                      string
}

// packetCases lists packets in their expected order: chapters Ébano, Este,
// Norte, Sur ("Ébano" sorts with E), and Église before Escuela.
var packetCases = []packetCase{
	{"Ébano", "Unión de Trabajadores", "es", []string{"Óscar León"}, "1 gafete"},
	{"Este", "Église Saint-Luc", "es", []string{"Ángel Cruz", "Zoé Martin"}, "2 gafetes"},
	{"Este", "Escuela Benito Juárez", "es", []string{"Luis Paz", "Marta Gil"}, "2 gafetes"},
	{"Norte", "Parroquia San José", "es", []string{"alicia Núñez", "Álvaro Peña", "Bruno Díaz", "Zoe Ruiz"}, "4 gafetes"},
	{"Sur", "Centro Comunitario", "en", []string{"ana Smith", "Dana Ong", "Émile Roy"}, "3 badges"},
}

// TestRenderPackets checks page order: per institution a separator with
// its name, chapter and badge count in its majority language, then its
// badges sorted by name on a fresh sheet.
func TestRenderPackets(t *testing.T) {
	var ls []Leader
	for _, pc := range packetCases {
		for _, n := range pc.names {
			ls = append(ls, Leader{Name: n, Institution: pc.institution, Chapter: pc.chapter, Language: pc.lang, Code: testCode(len(ls))})
		}
	}
	slices.Reverse(ls)
	path := writePDF(t, render(t, ls, LayoutCard))
	texts := pageTexts(t, path)
	if len(texts) != 2*len(packetCases) {
		t.Fatalf("%d pages, want %d: a separator and a sheet per institution", len(texts), 2*len(packetCases))
	}
	for i, pc := range packetCases {
		sep := strings.Join(strings.Fields(texts[2*i]), " ")
		for _, want := range []string{pc.institution, pc.chapter, pc.count} {
			if !strings.Contains(sep, want) || !separatorRE.MatchString(sep) {
				t.Errorf("page %d = %q, want a separator with %q", 2*i+1, sep, want)
			}
		}
		if got := sheetNames(t, path, 2*i+2, len(pc.names)); !slices.Equal(got, pc.names) {
			t.Errorf("page %d badges %q, want %q", 2*i+2, got, pc.names)
		}
	}
}

// sheetNames returns the first line of text (the name) of the first n
// badges on a card sheet.
func sheetNames(tb testing.TB, path string, page, n int) []string {
	tb.Helper()
	g := cardGeometry()
	var names []string
	for i := range n {
		name := g.name.inside(g.cell(i))
		names = append(names, boxText(tb, path, page, name))
	}
	return names
}

// TestRenderDiacritics checks accented names come out of the PDF as they
// went in, and a 60-character name stays whole on its badge.
func TestRenderDiacritics(t *testing.T) {
	long := "María de los Ángeles Guadalupe Hernández-Villaseñor y Cortés"
	names := []string{"José Ñúñez", "Peña", "Müller", "Zoë Ça Œlle", long}
	ls := make([]Leader, len(names))
	for i, n := range names {
		ls[i] = Leader{Name: n, Institution: "Parroquia San José", Chapter: "Señorío", Code: testCode(i)}
	}
	for _, layout := range []Layout{LayoutInsert, LayoutCard} {
		path := writePDF(t, render(t, ls, layout))
		text := strings.Join(strings.Fields(pdftotext(t, path)), " ")
		for _, n := range append(names, "Parroquia San José", "Señorío", "12 de diciembre de 2026", "Código") {
			if !strings.Contains(text, n) {
				t.Errorf("%s: text lacks %q:\n%s", layout, n, text)
			}
		}
	}
}

// TestRenderStaysInsideBadges renders hostile text and checks with
// pdftotext -bbox that every word on a badge sheet lies inside a badge.
func TestRenderStaysInsideBadges(t *testing.T) {
	hostile := []string{
		strings.Repeat("Guadalupe ", 1000), strings.Repeat("W", 10000),
		"<script>alert('x')</script>", "\u202eAna\u200f Li\u202c", "王小明 محمد",
		"María de los Ángeles Guadalupe Hernández-Villaseñor y Cortés de la Santísima Trinidad",
	}
	ls := make([]Leader, len(hostile))
	for i, h := range hostile {
		ls[i] = Leader{Name: h, Institution: h, Chapter: h, Language: "en", Code: testCode(i)}
	}
	a := Action{Name: hostile[0], Date: hostile[1], Venue: hostile[5]}
	for _, layout := range []Layout{LayoutInsert, LayoutCard} {
		var buf bytes.Buffer
		if err := Render(&buf, a, ls, layout); err != nil {
			t.Fatalf("%s: %v", layout, err)
		}
		checkWordsInside(t, writePDF(t, buf.Bytes()), layout)
	}
}

// wordRE matches a word of pdftotext -bbox output, in points.
var wordRE = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">`)

// checkWordsInside fails for a word of a badge sheet outside every badge.
func checkWordsInside(tb testing.TB, path string, layout Layout) {
	tb.Helper()
	g, _ := geometryFor(layout)
	pages := strings.Split(pdftotext(tb, path, "-bbox"), "<page ")[1:]
	for p, page := range pages {
		if separatorRE.MatchString(strings.Join(strings.Fields(stripTags(page)), " ")) {
			continue
		}
		for _, m := range wordRE.FindAllStringSubmatch(page, -1) {
			w := wordBox(m[1:])
			if !insideAnyCell(g, w) {
				tb.Errorf("%s page %d: word at %v in is outside every badge", layout, p+1, w)
			}
		}
	}
}

// stripTags drops the markup of pdftotext -bbox output.
func stripTags(s string) string { return regexp.MustCompile(`<[^>]*>`).ReplaceAllString(s, " ") }

// wordBox converts the four coordinates of a word, in points, to a box
// in inches.
func wordBox(v []string) box {
	var f [4]float64
	for i, s := range v {
		f[i] = parseFloat(s) / 72
	}
	return box{f[0], f[1], f[2] - f[0], f[3] - f[1]}
}

// insideAnyCell reports whether w lies inside one badge of a sheet.
func insideAnyCell(g geometry, w box) bool {
	for i := range g.perPage() {
		c := g.cell(i)
		if w.x >= c.x && w.y >= c.y && w.x+w.w <= c.x+c.w && w.y+w.h <= c.y+c.h {
			return true
		}
	}
	return false
}

func TestRenderErrors(t *testing.T) {
	ok := testLeaders(3, 1)
	bad := slices.Clone(ok)
	bad[1].Code = "1234"
	tests := []struct {
		name    string
		leaders []Leader
		layout  Layout
		want    error
	}{
		{"no leaders", nil, LayoutInsert, ErrNoBadges},
		{"empty leaders", []Leader{}, LayoutCard, ErrNoBadges},
		{"bad code", bad, LayoutInsert, ErrBadCode},
		{"bad layout", ok, "poster", ErrUnknownLayout},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Render(&buf, testAction, tt.leaders, tt.layout); !errors.Is(err, tt.want) {
				t.Errorf("Render = %v, want %v", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Errorf("Render wrote %d bytes on error", buf.Len())
			}
		})
	}
}

// TestRenderKeepsInput checks Render neither reorders nor edits the
// caller's slice, and writes the same page and image streams for the same
// input, whichever worker encoded which QR. (fpdf writes image objects in
// map order, so whole files differ.)
func TestRenderKeepsInput(t *testing.T) {
	ls := testLeaders(30, 5)
	orig := slices.Clone(ls)
	a, b := render(t, ls, ""), render(t, ls, LayoutInsert)
	if !slices.Equal(ls, orig) {
		t.Error("Render changed the caller's leaders")
	}
	if n := bytes.Count(a, []byte("/Type /Page\n")); n != 10 {
		t.Errorf("%d pages, want 10 (5 separators, 5 sheets)", n)
	}
	if sa, sb := streams(a), streams(b); !slices.Equal(sa, sb) {
		t.Errorf("two renders of the same badges differ: %d and %d streams", len(sa), len(sb))
	}
}

// streams returns the sorted stream contents of a PDF.
func streams(pdf []byte) []string {
	var out []string
	for _, m := range regexp.MustCompile(`(?s)>>\nstream\n(.*?)\nendstream`).FindAllSubmatch(pdf, -1) {
		out = append(out, string(m[1]))
	}
	slices.Sort(out)
	return out
}
