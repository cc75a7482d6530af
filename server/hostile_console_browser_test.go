package server

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"presente/server/store"
)

// Hostile names as the pages show them.
var (
	hActionName = hScript + " Asamblea " + hBold
	hLongStart  = "<i>10k</i><i>10k</i><i>10k</i>"
	hInsts      = []string{hBold + " Iglesia", hImg, hRTL + " Centro", "Cen\u200Btro\u200D Cero", `=HYPERLINK("http://evil")`}
	hChapters   = []string{hScript + " Durham", hImg + " Raleigh", "@Capítulo"}
	hMissing    = []string{hImg, hZW, "-2+3 Resta", "@SUM(A1)", "+SUM(1+1)"} // not checked in
)

// open navigates to a page of the hostile world's server.
func (w hostileWorld) open(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	steps(t, ctx, chromedp.Navigate(w.ts.URL+path))
}

// consolePages opens each console page that lists names and checks it.
func consolePages(t *testing.T, ctx context.Context, g *hostileGuard, w hostileWorld) {
	a := fmt.Sprint(w.action)
	every := append([]string{hScript, hBold, hRTL, hFormula, hLongStart}, hMissing...)
	pages := []struct {
		path  string
		spots []hostileSpot
	}{
		{"/console/", []hostileSpot{{"#actions", []string{hActionName, "=1+1 " + hImg}}}},
		{"/console/roster.html", []hostileSpot{{"#leaders", every}, {"#institutions", append(hInsts, hLongStart)},
			{"#chapters", append(hChapters, hLongStart)}}},
		{"/console/action.html?id=" + a, []hostileSpot{{"#commitments", append(hInsts, hLongStart)},
			{"#action-form", []string{hActionName, hLongStart}}}},
		{"/console/report.html?id=" + a, []hostileSpot{{"#report-body", append(append(hInsts, hChapters...), hLongStart)}}},
		{"/console/followup.html?id=" + a, []hostileSpot{{"#followup", append(hMissing, hInsts[0], hInsts[1])}}},
		{"/console/history.html", []hostileSpot{{"#history", append(hChapters, hActionName, "=1+1 "+hImg)}}},
	}
	for _, p := range pages {
		w.open(t, ctx, p.path)
		checkHostilePage(t, ctx, g, w.ts.URL, p.path, p.spots...)
		saveScreen(t, ctx, filepath.Base(p.path))
	}
	// Find leaders as you type.
	steps(t, ctx, chromedp.Navigate(w.ts.URL+"/console/roster.html"), chromedp.WaitVisible(chromedp.CSS("#leaders tr")),
		chromedp.SendKeys(chromedp.CSS("#q"), "alert"))
	waitPage(t, ctx, `document.querySelectorAll('#leaders tr').length === 2`, "the two leaders with alert in their names")
	checkHostilePage(t, ctx, g, w.ts.URL, "/console/roster.html", hostileSpot{"#leaders", []string{hScript, hImg}})
	// History by institution names each with its chapter.
	steps(t, ctx, chromedp.Navigate(w.ts.URL+"/console/history.html"), chromedp.WaitVisible(chromedp.CSS("#by button")),
		chromedp.Click(chromedp.CSS("#by button:last-child")))
	checkHostilePage(t, ctx, g, w.ts.URL, "/console/history.html", hostileSpot{"#history", append(hInsts, hLongStart)})
	saveScreen(t, ctx, "history-by-institution")
}

// hostileCSV is a roster file as a spreadsheet saves it: a byte order mark,
// semicolons, Spanish headers, and every kind of hostile name.
func hostileCSV(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	cw := csv.NewWriter(&buf)
	cw.Comma = ';'
	rows := [][]string{
		{"Nombre completo", "Institución", "Capítulo", "Teléfono", "Correo"},
		{"Nueva " + hScript, hInsts[0], hChapters[0], "=1+2", "@x.example"},
		{"Nueva " + hBold, "Nueva " + hImg, "Nuevo " + hScript, "", ""},
		{"Nueva " + hRTL, "Otro " + hRTL + " Centro", "Nuevo " + hScript, "", ""},
		{"Nueva " + hZW, hInsts[0], hChapters[0], "", ""},
		{"Nueva " + hFormula, hInsts[0], hChapters[0], "", ""},
		{hLong, hInsts[0], hChapters[0], "", ""},
	}
	if err := cw.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// importPreview uploads the hostile file on the import page: the preview
// shows every name as text and writes nothing.
func importPreview(t *testing.T, ctx context.Context, g *hostileGuard, w hostileWorld) {
	file := filepath.Join(t.TempDir(), "padrón.csv")
	if err := os.WriteFile(file, hostileCSV(t), 0o600); err != nil {
		t.Fatal(err)
	}
	before := leaderCount(t, w)
	steps(t, ctx, chromedp.Navigate(w.ts.URL+"/console/import.html"),
		chromedp.WaitVisible(chromedp.CSS("#file")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}),
		chromedp.Click(chromedp.CSS("#preview-button")),
		chromedp.WaitVisible(chromedp.CSS("#preview")))
	rows := []string{"Nueva " + hScript, "Nueva " + hBold, "Nueva " + hRTL, "Nueva " + hZW, "Nueva " + hFormula, "=1+2", hLongStart}
	checkHostilePage(t, ctx, g, w.ts.URL, "/console/import.html", hostileSpot{"#rows-body", rows},
		hostileSpot{"#new-structure", []string{"Nueva " + hImg, "Otro " + hRTL + " Centro", "Nuevo " + hScript}})
	saveScreen(t, ctx, "import-preview")
	if after := leaderCount(t, w); after != before {
		t.Errorf("the preview wrote: %d leaders before, %d after", before, after)
	}
}

func leaderCount(t *testing.T, w hostileWorld) int {
	t.Helper()
	_, n, err := w.ts.Store().Leaders(context.Background(), store.LeaderFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// paperEntry finds a hostile name on the paper sheet page.
func paperEntry(t *testing.T, ctx context.Context, g *hostileGuard, w hostileWorld) {
	path := fmt.Sprintf("/console/paper.html?id=%d", w.action)
	steps(t, ctx, chromedp.Navigate(w.ts.URL+path), chromedp.WaitVisible(chromedp.CSS("#search")),
		chromedp.SendKeys(chromedp.CSS("#search"), "onerror"))
	checkHostilePage(t, ctx, g, w.ts.URL, path, hostileSpot{"#matches", []string{hImg}})
	saveScreen(t, ctx, "paper")
	steps(t, ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById('search').value = ''`),
		chromedp.SendKeys(chromedp.CSS("#search"), "airam"))
	checkHostilePage(t, ctx, g, w.ts.URL, path, hostileSpot{"#matches", []string{hRTL, hInsts[2]}})
	saveScreen(t, ctx, "paper-rtl")
}
