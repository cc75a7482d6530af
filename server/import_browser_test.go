package server

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestConsoleImportBrowserPreviewThenConfirm: an organizer picks the messy
// spreadsheet, reads the preview (nothing written yet), confirms, and the
// roster holds it.
func TestConsoleImportBrowserPreviewThenConfirm(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	file := filepath.Join(t.TempDir(), "padrón.csv")
	if err := os.WriteFile(file, messyFile(), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := newBrowser(t)
	consoleSignInBrowser(t, ctx, ts, f)
	before := rosterDump(t, ts)
	err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/console/import.html"),
		chromedp.WaitVisible(chromedp.CSS("#file")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}),
		chromedp.Click(chromedp.CSS("#preview-button")),
		chromedp.WaitVisible(chromedp.CSS("#preview")),
	)
	if err != nil {
		t.Fatalf("preview: %v", err)
	}
	saveShot(t, ctx, "import-preview")
	checkPreviewPage(t, ctx)
	if rosterDump(t, ts) != before {
		t.Fatal("the preview wrote to the database")
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#confirm")), chromedp.WaitVisible(chromedp.CSS("#done"))); err != nil {
		t.Fatalf("confirm: %v", err)
	}
	done, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#done-text")))
	if !strings.Contains(done, "5 líderes nuevos, 1 actualizados") {
		t.Errorf("after confirming: %q", done)
	}
	saveShot(t, ctx, "import-done")
	if !strings.Contains(rosterDump(t, ts), "Rosa Méndez") {
		t.Error("the roster does not hold the imported leaders")
	}
}

// checkPreviewPage reads the preview table as the organizer sees it.
func checkPreviewPage(t *testing.T, ctx context.Context) {
	t.Helper()
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll('#rows-body tr')].map(r => r.dataset.status + ': ' + r.innerText.replace(/\s+/g, ' '))`))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(rows, "\n")
	for _, want := range []string{"refused: 7 Rechazado Maria Lopez", "Repite la línea 2.", "Falta la institución.",
		"update: 3 Se actualiza", "add: 9 Nuevo Rosa Méndez Parroquia Santa Cruz Chapel Hill"} {
		if !strings.Contains(text, want) {
			t.Errorf("preview lacks %q:\n%s", want, text)
		}
	}
	if len(rows) != 12 {
		t.Errorf("preview shows %d rows, want the file's 12", len(rows))
	}
	if label, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#confirm"))); label != "Importar: 5 nuevos, 1 con cambios" {
		t.Errorf("confirm button %q", label)
	}
}
