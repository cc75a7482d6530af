package server

// The browser harness: Debian's Chromium driven headless by chromedp, as a
// laptop (newBrowser) or a phone (newPhone), and the steps every browser
// test takes — wait for the page, read it, sign in, save a screenshot.

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// chromiumPath finds Debian's Chromium. Under CI a missing browser fails the
// test: a browser test never skips silently there.
func chromiumPath(tb testing.TB) string {
	tb.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		tb.Fatal("chromium not found: install Debian's chromium package (.ci/run does)")
	}
	tb.Skip("chromium not found; install Debian's chromium package to run browser tests")
	return ""
}

// newBrowser starts headless Chromium with a fresh profile and returns a
// context for chromedp actions, bounded in time.
func newBrowser(tb testing.TB, extraFlags ...chromedp.ExecAllocatorOption) context.Context {
	tb.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(tb)),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(tb.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 800),
	}
	opts = append(opts, extraFlags...)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 90*time.Second)
	tb.Cleanup(func() { cancelTime(); cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		tb.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// consoleTail keeps the page's console so a failing test can show it.
func consoleTail(tb testing.TB, ctx context.Context) {
	tb.Helper()
	var mu sync.Mutex
	var lines []string
	msgs := chromedp.Console(ctx)
	resps := chromedp.Events(ctx, network.ResponseReceived)
	go func() {
		for ev, err := range resps {
			if err != nil {
				return
			}
			if ev.Response.Status >= 400 {
				mu.Lock()
				lines = append(lines, fmt.Sprintf("http %d %s", ev.Response.Status, ev.Response.URL))
				mu.Unlock()
			}
		}
	}()
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			mu.Lock()
			lines = append(lines, fmt.Sprintf("%s: %s", m.Type, m.Text))
			mu.Unlock()
		}
	}()
	tb.Cleanup(func() {
		if tb.Failed() {
			mu.Lock()
			defer mu.Unlock()
			tb.Logf("browser console:\n%s", strings.Join(lines, "\n"))
		}
	})
}

// newPhone starts a headless Chromium the size of a phone, camera off unless
// flags give it one.
func newPhone(tb testing.TB, flags ...chromedp.ExecAllocatorOption) context.Context {
	tb.Helper()
	flags = append([]chromedp.ExecAllocatorOption{chromedp.WindowSize(412, 860),
		chromedp.Flag("autoplay-policy", "no-user-gesture-required")}, flags...)
	ctx := newBrowser(tb, flags...)
	consoleTail(tb, ctx)
	return ctx
}

// openScanner opens the scanner with a door token and waits until it holds
// the roster, ready for a badge.
func openScanner(tb testing.TB, ctx context.Context, base, token string) {
	tb.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/door/#token="+token)); err != nil {
		tb.Fatalf("open scanner: %v", err)
	}
	// live is made after the form's handlers are wired: a badge typed before
	// that would reach no one.
	waitPage(tb, ctx, `window.presenteScanner && window.presenteScanner.roster.size > 0 && window.presenteScanner.live`,
		"the roster to load and the scanner to listen")
}

// waitPage polls a JavaScript condition in the page until it holds, within
// a generous deadline (the machine is shared), and returns how long that
// took. A navigation under way (the page replaced itself) only means
// polling again. On a timeout the test fails with the page's text.
func waitPage(tb testing.TB, ctx context.Context, expr, what string) time.Duration {
	tb.Helper()
	start := time.Now()
	deadline := start.Add(45 * time.Second)
	var err error
	for time.Now().Before(deadline) {
		_, err = chromedp.Run(ctx, chromedp.Poll[bool](`!!(`+expr+`)`,
			chromedp.WithPollingTimeout(time.Until(deadline)), chromedp.WithPollingInterval(50*time.Millisecond)))
		if err == nil || ctx.Err() != nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		saveShot(tb, ctx, "timeout")
		page, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText.slice(0, 2000) : ''`))
		tb.Fatalf("waiting for %s (%s): %v\npage text:\n%s", what, expr, err, page)
	}
	return time.Since(start)
}

// pageEval evaluates an expression in the page.
func pageEval[T any](tb testing.TB, ctx context.Context, expr string, opts ...chromedp.EvaluateOption) T {
	tb.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		tb.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// steps runs browser steps or fails the test.
func steps(tb testing.TB, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	tb.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		saveShot(tb, ctx, "failed")
		tb.Fatalf("browser: %v", err)
	}
}

// saveShot saves the whole page under $PRESENTE_SCREENSHOTS, when set, for
// a person to look at, named for the test; tests never compare images.
func saveShot(tb testing.TB, ctx context.Context, name string) {
	tb.Helper()
	shoot(tb, ctx, name, chromedp.FullScreenshot(100))
}

// saveScreen is saveShot for what the screen shows: a projector at its
// size, or a page that a 10,000-character name makes huge.
func saveScreen(tb testing.TB, ctx context.Context, name string) {
	tb.Helper()
	shoot(tb, ctx, name, chromedp.CaptureScreenshot())
}

func shoot(tb testing.TB, ctx context.Context, name string, shot chromedp.Action[[]byte]) {
	tb.Helper()
	dir := os.Getenv("PRESENTE_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, shot)
	if err != nil {
		tb.Logf("screenshot %s: %v", name, err)
		return
	}
	os.WriteFile(filepath.Join(dir, strings.ReplaceAll(tb.Name(), "/", "_")+"-"+name+".png"), png, 0o644)
}

// consoleSignInBrowser signs the organizer in through the console's own form.
func consoleSignInBrowser(tb testing.TB, ctx context.Context, ts *testServer, f fixture) {
	tb.Helper()
	steps(tb, ctx, chromedp.Navigate(ts.URL+"/console/"),
		chromedp.WaitVisible(chromedp.CSS("#signin-form")),
		chromedp.SendKeys(chromedp.CSS("#name"), f.Organizer),
		chromedp.SendKeys(chromedp.CSS("#password"), f.Password),
		chromedp.Click(chromedp.CSS("#signin-button")),
		chromedp.WaitVisible(chromedp.CSS("#home")))
}
