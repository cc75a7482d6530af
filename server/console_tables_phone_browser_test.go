package server

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// hiddenNames lists the rows of a table, scrolled to its right end, whose
// first cell (the institution) is off its box or under another cell.
const hiddenNames = `((sel) => { const table = document.querySelector(sel), box = table.closest('.scroll');
	box.scrollLeft = box.scrollWidth;
	const edge = box.getBoundingClientRect().left;
	return [...table.querySelectorAll('tbody tr')].filter(r => {
		r.scrollIntoView({ block: 'center', inline: 'nearest' }); box.scrollLeft = box.scrollWidth;
		const c = r.cells[0], b = c.getBoundingClientRect(), hit = document.elementFromPoint(b.left + 4, b.top + b.height / 2);
		return b.left < edge - 1 || !(hit === c || c.contains(hit)); }).map(r => r.textContent.slice(0, 40)); })`

// headerHidden says whether, with the page scrolled to the end of the
// table's box and the box to its right end and down to row n, as a thumb
// leaves them, the header cells of the first and last columns are off the
// screen or under something else (the console's own bar).
const headerHidden = `((sel, n) => { const table = document.querySelector(sel), box = table.closest('.scroll');
	box.scrollIntoView({ block: 'end' });
	const row = table.tBodies[0].rows[n], head = table.tHead.getBoundingClientRect().height;
	box.scrollTop += row.getBoundingClientRect().top - box.getBoundingClientRect().top - head; box.scrollLeft = box.scrollWidth;
	const cells = table.tHead.rows[0].cells;
	return [cells[0], cells[cells.length - 1]].filter(c => { const b = c.getBoundingClientRect(),
		hit = document.elementFromPoint(Math.min(b.left + 4, innerWidth - 1), b.top + b.height / 2);
		return b.top < 0 || b.bottom > innerHeight || !(hit === c || c.contains(hit)); }).map(c => c.textContent); })`

// TestConsoleReportTableOnAPhoneKeepsItsNames: on a 390 px phone the report
// of forty institutions scrolls sideways with the institution column in
// place, and its header stays on screen far down the table, so no number
// is left without its row's name or its column's.
func TestConsoleReportTableOnAPhoneKeepsItsNames(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	st, bg := ts.Store(), context.Background()
	commit := map[int64]int{}
	for i := range 40 {
		in, err := st.CreateInstitution(bg, f.Chapters["Durham"], fmt.Sprintf("Congregación número %d", i+1), "")
		if err != nil {
			t.Fatal(err)
		}
		commit[in.ID] = 10 + i
	}
	if err := st.SetCommitments(bg, f.Action, commit); err != nil {
		t.Fatal(err)
	}
	ctx := newBrowser(t)
	consoleTail(t, ctx)
	consoleSignInBrowser(t, ctx, ts, f)
	steps(t, ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
		chromedp.Navigate(fmt.Sprintf("%s/console/report.html?id=%d", ts.URL, f.Action)))
	waitPage(t, ctx, `document.querySelectorAll('#report-body tr').length > 40`, "the report's rows")
	if hidden := pageEval[[]string](t, ctx, hiddenNames+`('#report')`); len(hidden) > 0 {
		t.Errorf("scrolled sideways, rows without their institution: %q", hidden)
	}
	saveScreen(t, ctx, "report-390-sideways")
	if hidden := pageEval[[]string](t, ctx, headerHidden+`('#report', 30)`); len(hidden) > 0 {
		t.Errorf("30 rows down and scrolled sideways, header cells off the screen: %q", hidden)
	}
	saveScreen(t, ctx, "report-390-down")
}

// TestConsoleImportPreviewOnAPhoneShowsWhy: on a 390 px phone the import
// preview says why each refused row was refused without scrolling
// sideways: the page scrolls only up and down, the table never sideways.
func TestConsoleImportPreviewOnAPhoneShowsWhy(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	file := filepath.Join(t.TempDir(), "lista.csv")
	csv := "Nombre,Institución,Capítulo,Teléfono\nAna Ruiz Domínguez,Iglesia San José,Durham,(919) 555-0101\n" +
		"Beto Paz,,Durham,(919) 555-0102\nCarla Soto,Iglesia San José,Durham,llámame\n"
	if err := os.WriteFile(file, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := newBrowser(t)
	consoleTail(t, ctx)
	consoleSignInBrowser(t, ctx, ts, f)
	steps(t, ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
		chromedp.Navigate(ts.URL+"/console/import.html"),
		chromedp.WaitVisible(chromedp.CSS("#file")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}),
		chromedp.Click(chromedp.CSS("#preview-button")),
		chromedp.WaitVisible(chromedp.CSS("#preview")))
	waitPage(t, ctx, `document.querySelectorAll('#rows-body tr[data-status="refused"]').length >= 1`, "the refused rows")
	off := pageEval[[]string](t, ctx, `[...document.querySelectorAll('#rows-body tr[data-status="refused"]')].filter(r => {
		const c = r.cells[r.cells.length - 1]; scrollTo(0, scrollY + r.getBoundingClientRect().top - 200);
		const b = c.getBoundingClientRect();
		return c.textContent.trim() === '' || b.width === 0 || b.left < 0 || b.right > innerWidth + 0.5; })
		.map(r => r.textContent.slice(0, 60))`)
	if w := pageEval[int](t, ctx, `document.documentElement.scrollWidth`); w > 390 || len(off) > 0 {
		t.Errorf("at 390 px the page is %d px wide; refused rows whose reason is off the screen: %q", w, off)
	}
	steps(t, ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById('rows').scrollIntoView()`))
	saveScreen(t, ctx, "import-390")
}
