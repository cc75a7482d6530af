package server

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestHostileBadgePDF: badges for hostile names render, and their text is
// the names as printed characters: markup stays text, bidi and zero-width
// marks are dropped, 10,000 characters are cut with an ellipsis.
func TestHostileBadgePDF(t *testing.T) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext not found: install poppler-utils (.ci/deps does)")
		}
		t.Skip("pdftotext not found; install poppler-utils")
	}
	w := seedHostile(t)
	c := w.organizer(t)
	for _, layout := range []string{"insert", "card"} {
		t.Run(layout, func(t *testing.T) {
			pdf := c.must(t, http.StatusOK, "GET", fmt.Sprintf("/api/actions/%d/badges.pdf?layout=%s", w.action, layout), nil)
			if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
				t.Fatalf("badges.pdf is not a PDF: %.40q", pdf)
			}
			text := pdfText(t, bin, pdf)
			checkBadgeText(t, text)
		})
	}
}

// pdfText is the PDF's text as pdftotext reads it, white space runs as one.
func pdfText(t *testing.T, bin string, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "badges.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func checkBadgeText(t *testing.T, text string) {
	t.Helper()
	for _, want := range []string{hScript, hImg, hBold, "airam Pérez", "Zero Width", hFormula, "@SUM(A1)",
		"<i>10k</i><i>10k</i>", "…"} {
		if !strings.Contains(text, want) {
			t.Errorf("badge text lacks %q:\n%.3000s", want, text)
		}
	}
	for _, r := range []rune{'\u202E', '\u200F', '\u200B', '\u200C', '\u200D', '\u2060'} {
		if strings.ContainsRune(text, r) {
			t.Errorf("badge text keeps the invisible %U", r)
		}
	}
	if n := strings.Count(text, "<i>10k</i>"); n > 200 {
		t.Errorf("badge text repeats the 10,000-character name %d times over; want it cut", n)
	}
}

// TestHostileCSVDownloads: every CSV an organizer downloads starts no cell
// with = + - @, a tab or a carriage return; such cells get a leading '.
func TestHostileCSVDownloads(t *testing.T) {
	w := seedHostile(t)
	c := w.organizer(t)
	a := fmt.Sprintf("/api/actions/%d", w.action)
	cases := []struct {
		path string
		want []string // cells that must be there, neutralized
	}{
		{a + "/report.csv", []string{`'=HYPERLINK("http://evil")`, "'@Capítulo", hScript + " Durham", hBold + " Iglesia"}},
		{a + "/report.csv?lang=en", []string{`'=HYPERLINK("http://evil")`}},
		{a + "/followup.csv", []string{"'-2+3 Resta", "'@SUM(A1)", "'+SUM(1+1)", "'=1+2", "'@evil.example", hImg, hZW}},
		{a + "/attendance.csv", []string{"'" + hFormula, "'@Puerta sur", hBold + " " + hImg, hRTL, hLong}},
		{"/api/history.csv", []string{"'=1+1 " + hImg, "'@Capítulo"}},
		{"/api/history.csv?by=institution", []string{`'=HYPERLINK("http://evil")`}},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			body := c.must(t, http.StatusOK, "GET", tc.path, nil)
			cells := csvCells(t, body)
			for cell := range cells {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("cell %.80q would run as a formula", cell)
				}
			}
			for _, want := range tc.want {
				if !cells[want] {
					t.Errorf("no cell %.80q in %s", want, tc.path)
				}
			}
		})
	}
}

// csvCells reads a downloaded CSV (UTF-8 with a byte order mark) and returns
// the set of its cells.
func csvCells(t *testing.T, body []byte) map[string]bool {
	t.Helper()
	if !bytes.HasPrefix(body, []byte("\uFEFF")) {
		t.Errorf("the CSV has no byte order mark: %.40q", body)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\uFEFF"))))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("read CSV: %v\n%.500s", err, body)
	}
	cells := map[string]bool{}
	for _, row := range rows {
		for _, cell := range row {
			cells[cell] = true
		}
	}
	return cells
}
