package server

import (
	"bytes"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestConsoleDownloadSaysWhyItFailed: the badges link saves the PDF; once
// the organizer's session is gone while the page stayed open, the same
// link says why in Spanish beside it, and the page stays (before, the
// browser opened the server's JSON answer in English).
func TestConsoleDownloadSaysWhyItFailed(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ctx := newBrowser(t)
	consoleSignInBrowser(t, ctx, ts, f)
	waitPage(t, ctx, `document.querySelector('#actions a.badges')`, "the badges link")
	if pdf := downloadFile(t, ctx, "#actions a.badges"); !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatalf("the badges link saved %q…, want a PDF", pdf[:min(len(pdf), 40)])
	}
	if _, err := chromedp.Call(ctx, network.ClearBrowserCookies, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	steps(t, ctx, chromedp.Click(chromedp.CSS("#actions a.badges")))
	waitPage(t, ctx, `document.querySelector('#actions .download-error')?.textContent.includes('No autorizado')`,
		"the reason beside the link")
	if path := pageEval[string](t, ctx, `location.pathname`); path != "/console/" {
		t.Errorf("the page went to %s, want it to stay on /console/", path)
	}
	saveShot(t, ctx, "console-download-failed")
	atWidth(t, ctx, 390)
	saveShot(t, ctx, "console-download-failed-390")
}
