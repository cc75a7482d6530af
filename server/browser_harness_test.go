package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	qrcode "github.com/skip2/go-qrcode"
)

// writeY4M writes a short YUV4MPEG2 video, 640x480 in 4:2:0, each frame a
// badge QR holding text on white: what Chromium's fake camera plays in a loop.
func writeY4M(tb testing.TB, path, text string) {
	tb.Helper()
	q, err := qrcode.New(text, qrcode.Highest)
	if err != nil {
		tb.Fatalf("qr: %v", err)
	}
	const w, h, scale = 640, 480, 12
	bm := q.Bitmap()
	size := len(bm) * scale
	x0, y0 := (w-size)/2, (h-size)/2
	luma := bytes.Repeat([]byte{235}, w*h)
	for y := range size {
		for x := range size {
			if bm[y/scale][x/scale] {
				luma[(y0+y)*w+x0+x] = 16
			}
		}
	}
	chroma := bytes.Repeat([]byte{128}, w*h/2) // U and V planes, a quarter each
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "YUV4MPEG2 W%d H%d F10:1 Ip A1:1 C420\n", w, h)
	for range 5 {
		buf.WriteString("FRAME\n")
		buf.Write(luma)
		buf.Write(chroma)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		tb.Fatalf("write y4m: %v", err)
	}
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
// the roster.
func openScanner(tb testing.TB, ctx context.Context, base, token string) {
	tb.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/door/#token="+token)); err != nil {
		tb.Fatalf("open scanner: %v", err)
	}
	waitPage(tb, ctx, `window.presenteScanner && window.presenteScanner.roster.size > 0`, "the roster to load")
}

// waitPage polls a JavaScript condition in the page, with a generous deadline.
// A navigation under way (the page replaced itself) only means polling again.
func waitPage(tb testing.TB, ctx context.Context, expr, what string) {
	tb.Helper()
	deadline := time.Now().Add(45 * time.Second)
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
		tb.Fatalf("waiting for %s (%s): %v", what, expr, err)
	}
}

// pageEval evaluates an expression in the page.
func pageEval[T any](tb testing.TB, ctx context.Context, expr string) T {
	tb.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
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

// saveShot saves a screenshot under $PRESENTE_SCREENSHOTS, when set, for a
// person to look at.
func saveShot(tb testing.TB, ctx context.Context, name string) {
	tb.Helper()
	dir := os.Getenv("PRESENTE_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		return
	}
	os.WriteFile(filepath.Join(dir, strings.ReplaceAll(tb.Name(), "/", "_")+"-"+name+".png"), png, 0o644)
}

// presentTotal is the action's turnout total as the server counts it.
func (ts *testServer) presentTotal(tb testing.TB, action int64, token string) int {
	tb.Helper()
	status, body := ts.call(tb, "GET", fmt.Sprintf("/api/actions/%d/turnout", action), token, nil)
	if status != 200 {
		tb.Fatalf("turnout: %d %s", status, body)
	}
	var snap struct{ Total int }
	json.Unmarshal(body, &snap)
	return snap.Total
}

// waitTotal polls the server until the action's turnout is want: the phone
// sends in the background, so the test waits as a person watching would.
func (ts *testServer) waitTotal(tb testing.TB, action int64, token string, want int) {
	tb.Helper()
	deadline := time.Now().Add(45 * time.Second)
	got := 0
	for time.Now().Before(deadline) {
		if got = ts.presentTotal(tb, action, token); got == want {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	tb.Fatalf("turnout = %d, want %d", got, want)
}
