package server

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestConsoleImportPreviewOfRefusedRows: a file whose every row is refused
// (a name of 10,000 characters, an ESC sequence, a row with no institution)
// gives a preview of ordinary size that says why each row was refused, and
// a button that says there is nothing to import because rows were refused,
// not because the roster already holds the file.
func TestConsoleImportPreviewOfRefusedRows(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	file := filepath.Join(t.TempDir(), "lista.csv")
	csv := "Nombre,Institución\n" + strings.Repeat("Larguísimo ", 1000) + ",Iglesia San José\n" +
		"\"Ana\x1b[2J Ruiz\",Iglesia San José\nBeto Paz,\n"
	if err := os.WriteFile(file, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := newBrowser(t)
	consoleSignInBrowser(t, ctx, ts, f)
	err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/console/import.html"),
		chromedp.WaitVisible(chromedp.CSS("#file")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}),
		chromedp.Click(chromedp.CSS("#preview-button")),
		chromedp.WaitVisible(chromedp.CSS("#preview")))
	if err != nil {
		t.Fatalf("preview: %v", err)
	}
	saveShot(t, ctx, "console-import-refused")
	rows := pageEval[[]string](t, ctx, `[...document.querySelectorAll('#rows-body tr')].map(r => r.innerText.replace(/\s+/g, ' '))`)
	if len(rows) != 3 || !strings.Contains(rows[1], "caracteres de control") || !strings.Contains(rows[0], "demasiado largo") {
		t.Errorf("preview rows %.300q, want three refused rows with their reasons", rows)
	}
	if n := len([]rune(rows[0])); n > 200 {
		t.Errorf("the row of a 10,000-character name shows %d characters", n)
	}
	if h := pageEval[int](t, ctx, `document.documentElement.scrollHeight`); h > 2000 {
		t.Errorf("the preview of three rows is %d px tall", h)
	}
	button := pageEval[string](t, ctx, `document.getElementById('confirm').textContent`)
	if !strings.Contains(button, "rechazadas") || strings.Contains(button, "ya tiene") {
		t.Errorf("confirm button %q, want it to say rows were refused", button)
	}
}
