package server

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// openDoor opens the scanner as openScanner does and waits, beyond the
// roster, for its buttons to be wired: a tap before that would open nothing.
func openDoor(tb testing.TB, ctx context.Context, base, token string) {
	tb.Helper()
	openScanner(tb, ctx, base, token)
	waitPage(tb, ctx, `window.presenteScanner.panels && window.presenteScanner.live`, "the scanner's buttons")
}

// waitKeptOffline waits until the page's service worker keeps the scanner,
// so that it loads again with the laptop out of reach.
func waitKeptOffline(tb testing.TB, ctx context.Context) {
	tb.Helper()
	waitPage(tb, ctx, `document.documentElement.dataset.reload === 'safe' && navigator.serviceWorker.controller`,
		"the service worker to keep the scanner")
}

// answerShowing is true while the scanner's answer of kind covers the screen.
func answerShowing(kind string) string {
	return fmt.Sprintf(`!document.getElementById('answer').classList.contains('hidden') && document.getElementById('answer').dataset.kind === %q`, kind)
}

// doorScan types a code and Enter into the code field, as a hardware scanner
// does, and waits for the answer of kind.
func doorScan(tb testing.TB, ctx context.Context, code, kind string) {
	tb.Helper()
	steps(tb, ctx, chromedp.SendKeys(chromedp.ID("code"), code+kb.Enter))
	waitPage(tb, ctx, answerShowing(kind), "a "+kind+" answer to "+code)
}

// dismissAnswer taps the answer away, as a volunteer does for the next person.
func dismissAnswer(tb testing.TB, ctx context.Context) {
	tb.Helper()
	steps(tb, ctx, chromedp.Click(chromedp.CSS("#answer .answer-title")))
	waitPage(tb, ctx, `document.getElementById('answer').classList.contains('hidden')`, "the answer to go")
}

// waitDrained waits until the phone sent everything it queued.
func waitDrained(tb testing.TB, ctx context.Context) {
	tb.Helper()
	waitPage(tb, ctx, `window.presenteScanner.sync.running === false && document.getElementById('unsent').dataset.count === '0'`, "the outbox to drain")
}

// settle waits for what a tap may have queued to reach the server: long
// enough for the phone to write to its outbox, then until the outbox drains.
// Tests that check a tap changed nothing need it.
func settle(tb testing.TB, ctx context.Context) {
	tb.Helper()
	time.Sleep(500 * time.Millisecond)
	waitDrained(tb, ctx)
}

// clearField empties a text field as a person selecting all and deleting would.
func clearField(tb testing.TB, ctx context.Context, id string) {
	tb.Helper()
	steps(tb, ctx, chromedp.Evaluate[chromedp.Void](`(() => { const i = document.getElementById(`+jsString(id)+`); i.value = ''; i.dispatchEvent(new Event('input')); })()`))
}

// textOf reads what an element says, every run of white space (the clock's
// no-break spaces too) read as one space, without the invisible marks that
// isolate names from the text around them.
func textOf(tb testing.TB, ctx context.Context, sel string) string {
	tb.Helper()
	text := pageEval[string](tb, ctx, `document.querySelector(`+jsString(sel)+`).textContent`)
	return strings.Join(strings.Fields(strings.NewReplacer("\u2068", "", "\u2069", "").Replace(text)), " ")
}

// waitText polls until the element's text (white space normalised) holds want,
// for at most d; it returns the last text read.
func waitText(tb testing.TB, ctx context.Context, sel, want string, d time.Duration) (string, bool) {
	tb.Helper()
	got := ""
	for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if got = textOf(tb, ctx, sel); strings.Contains(got, want) {
			return got, true
		}
	}
	return got, false
}

// atWidth makes the page a phone of the given width, portrait.
func atWidth(tb testing.TB, ctx context.Context, width int64) {
	tb.Helper()
	height := map[int64]int64{360: 740, 390: 844}[width]
	if height == 0 {
		height = width * 2
	}
	steps(tb, ctx, chromedp.EmulateViewport(width, height, chromedp.EmulateScale(2), chromedp.EmulateMobile))
}
