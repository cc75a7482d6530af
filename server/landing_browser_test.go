package server

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestLandingPageInBrowser proves the browser harness end to end: the real
// server serves its embedded page to a real Chromium.
func TestLandingPageInBrowser(t *testing.T) {
	ts := newTestServer(t)
	ctx := newBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/")); err != nil {
		t.Fatalf("load landing page: %v", err)
	}
	title, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil {
		t.Fatalf("title: %v", err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	if err != nil {
		t.Fatalf("text: %v", err)
	}
	if title != "Presente" || !strings.Contains(text, "funcionando") {
		t.Errorf("landing page: title %q, text %q; want Presente and a Spanish status", title, text)
	}
}
