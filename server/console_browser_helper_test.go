package server

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// consoleSignInBrowser signs the organizer in through the console's own form.
func consoleSignInBrowser(t *testing.T, ctx context.Context, ts *testServer, f fixture) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/console/"),
		chromedp.WaitVisible(chromedp.CSS("#signin-form")),
		chromedp.SendKeys(chromedp.CSS("#name"), f.Organizer),
		chromedp.SendKeys(chromedp.CSS("#password"), f.Password),
		chromedp.Click(chromedp.CSS("#signin-button")),
		chromedp.WaitVisible(chromedp.CSS("#home")),
	)
	if err != nil {
		t.Fatalf("sign in through the console: %v", err)
	}
}

// consoleWait polls a JavaScript condition in the page until it holds.
func consoleWait(t *testing.T, ctx context.Context, what, js string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js)); err != nil {
		t.Fatalf("waiting for %s: %v", what, err)
	}
}

// screenshot saves the page under $PRESENTE_SHOTS, when set, for a person to
// look at; tests never compare images.
func consoleShot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("PRESENTE_SHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Logf("screenshot %s: %v", name, err)
		return
	}
	os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
}
