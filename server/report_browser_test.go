package server

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// TestReportBrowserFollowUpDownload: an organizer opens the follow-up page,
// sees who did not come with their phone, and downloads the list as a CSV a
// spreadsheet opens safely.
func TestReportBrowserFollowUpDownload(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	c := signInConsole(t, ts, f)
	seedTurnout(t, ts, f, c)
	c.must(t, 201, "POST", "/api/leaders", map[string]any{"name": "<script>document.title='pwned'</script>",
		"institution": f.Institutions["Centro El Puente"], "phone": "555-0199"})
	ctx := newBrowser(t)
	consoleSignInBrowser(t, ctx, ts, f)
	err := chromedp.Do(ctx, chromedp.Navigate(fmt.Sprintf("%s/console/followup.html?id=%d", ts.URL, f.Action)),
		chromedp.WaitVisible(chromedp.CSS("#followup section")))
	if err != nil {
		t.Fatalf("open follow-up: %v", err)
	}
	saveShot(t, ctx, "followup")
	text, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#followup")))
	text = strings.NewReplacer("\u2068", "", "\u2069", "").Replace(text) // names are bidi-isolated
	for _, want := range []string{"Líder 5 de Iglesia San José", "<script>document.title='pwned'</script>", "555-0199",
		`=HYPERLINK("http://evil")`, "Centro El Puente · Durham"} {
		if !strings.Contains(text, want) {
			t.Errorf("follow-up page lacks %q:\n%s", want, text)
		}
	}
	if title, _ := chromedp.Run(ctx, chromedp.Title()); title == "pwned" {
		t.Fatal("a leader's name ran as script")
	}
	rows := downloadCSV(t, ctx, "#download")
	if len(rows) != 1+8 || rows[0][2] != "Nombre" {
		t.Fatalf("downloaded CSV: %q, want a Spanish header and 8 leaders", rows)
	}
	if !strings.Contains(fmt.Sprint(rows), `'=HYPERLINK("http://evil")`) {
		t.Errorf("the downloaded CSV does not neutralize a formula: %q", rows)
	}
}

// downloadCSV clicks a download link and reads the file the browser saved.
func downloadCSV(t *testing.T, ctx context.Context, link string) [][]string {
	t.Helper()
	return readReportCSV(t, downloadFile(t, ctx, link))
}

// downloadFile clicks a download link and returns the file the browser
// saved.
func downloadFile(t *testing.T, ctx context.Context, link string) []byte {
	t.Helper()
	dir := t.TempDir()
	_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir})
	if err != nil {
		t.Fatalf("allow downloads: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(link))); err != nil {
		t.Fatalf("click %s: %v", link, err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, name := range files {
			if strings.HasSuffix(name, ".crdownload") {
				continue
			}
			if b, err := os.ReadFile(name); err == nil && len(b) > 0 {
				return b
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("no download arrived")
	return nil
}
