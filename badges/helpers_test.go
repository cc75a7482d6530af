package badges

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// crockford is the Crockford base32 alphabet.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// testAction is the action of every test sheet.
var testAction = Action{Name: "Asamblea de Rendición de Cuentas", Date: "2026-12-12", Venue: "Catedral de San Fernando"}

// testCode returns a random-looking, deterministic 16-character code.
func testCode(i int) string {
	r := rand.New(rand.NewPCG(uint64(i), 42))
	b := make([]byte, 16)
	for j := range b {
		b[j] = crockford[r.IntN(len(crockford))]
	}
	return string(b)
}

// testLeaders returns n leaders spread over institutions in three chapters,
// every third one reading English.
func testLeaders(n, institutions int) []Leader {
	first := []string{"José", "María", "Ana", "Luis", "Guadalupe", "Carmen", "John", "Ngozi"}
	last := []string{"Ñúñez", "Peña", "Müller", "Álvarez", "García", "Smith", "O'Brien", "Zúñiga"}
	ls := make([]Leader, n)
	for i := range ls {
		inst := i % institutions
		ls[i] = Leader{
			Name:        fmt.Sprintf("%s %s %d", first[i%len(first)], last[(i/3)%len(last)], i),
			Institution: fmt.Sprintf("Institución %02d", inst),
			Chapter:     []string{"Norte", "Sur", "Este"}[inst%3],
			Language:    []string{"es", "es", "en"}[i%3],
			Code:        testCode(i),
		}
	}
	return ls
}

// tool returns the path of a poppler-utils command. When it is missing the
// test is skipped, or fails under CI=true.
func tool(tb testing.TB, name string) string {
	tb.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	msg := fmt.Sprintf("%s not found (install poppler-utils): %v", name, err)
	if os.Getenv("CI") == "true" {
		tb.Fatal(msg)
	}
	tb.Skip(msg)
	return ""
}

// render returns the PDF of leaders' badges.
func render(tb testing.TB, ls []Leader, l Layout) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, testAction, ls, l); err != nil {
		tb.Fatalf("Render: %v", err)
	}
	return buf.Bytes()
}

// writePDF stores pdf in a temporary directory and returns its path.
func writePDF(tb testing.TB, pdf []byte) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "badges.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// rasterize renders every page of the PDF at path at dpi with pdftoppm.
func rasterize(tb testing.TB, path string, dpi int) []image.Image {
	tb.Helper()
	bin := tool(tb, "pdftoppm")
	prefix := filepath.Join(filepath.Dir(path), "page")
	out, err := exec.Command(bin, "-r", fmt.Sprint(dpi), "-png", path, prefix).CombinedOutput()
	if err != nil {
		tb.Fatalf("pdftoppm: %v: %s", err, out)
	}
	files, err := filepath.Glob(prefix + "-*.png")
	if err != nil {
		tb.Fatal(err)
	}
	slices.Sort(files) // pdftoppm pads page numbers to one width
	pages := make([]image.Image, len(files))
	for i, f := range files {
		pages[i] = decodePNG(tb, f)
	}
	return pages
}

// decodePNG reads a PNG file.
func decodePNG(tb testing.TB, path string) image.Image {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		tb.Fatalf("decode %s: %v", path, err)
	}
	return img
}

// pdftotext runs pdftotext on the PDF at path with args and returns its
// output.
func pdftotext(tb testing.TB, path string, args ...string) string {
	tb.Helper()
	bin := tool(tb, "pdftotext")
	args = append(append([]string{"-enc", "UTF-8"}, args...), path, "-")
	out, err := exec.Command(bin, args...).Output()
	if err != nil {
		tb.Fatalf("pdftotext %q: %v", args, err)
	}
	return string(out)
}

// pageTexts returns the text of each page of the PDF at path.
func pageTexts(tb testing.TB, path string) []string {
	tb.Helper()
	pages := strings.Split(pdftotext(tb, path), "\f")
	return pages[:len(pages)-1] // text ends with a form feed
}

// boxText returns the text inside b (inches) on a page (from 1), with runs
// of white space as one space.
func boxText(tb testing.TB, path string, page int, b box) string {
	tb.Helper()
	p := fmt.Sprint(page)
	pt := func(v float64) string { return fmt.Sprint(int(v * 72)) }
	out := pdftotext(tb, path, "-f", p, "-l", p, "-x", pt(b.x), "-y", pt(b.y), "-W", pt(b.w), "-H", pt(b.h))
	return strings.Join(strings.Fields(out), " ")
}

// parseFloat parses a number that pdftotext wrote.
func parseFloat(s string) float64 {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		panic(err)
	}
	return f
}
