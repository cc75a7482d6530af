package server

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// recordAnswers keeps every answer the scanner shows in window.hostileAnswers:
// an answer hides itself after a few seconds, sooner than a busy machine
// may poll.
const recordAnswers = `window.hostileAnswers = [];
new MutationObserver(() => {
	const a = document.getElementById('answer');
	if (a.classList.contains('hidden')) return;
	const title = a.querySelector('.answer-title').textContent, detail = a.querySelector('.answer-detail').textContent;
	const last = window.hostileAnswers[window.hostileAnswers.length - 1];
	if (!last || last.title !== title || last.detail !== detail) window.hostileAnswers.push({ title, detail, kind: a.dataset.kind });
}).observe(document.getElementById('answer'), { attributes: true, childList: true, subtree: true, characterData: true });`

type scanAnswer struct{ Title, Detail, Kind string }

// hostileScanner works the door's scanner as a volunteer would with a
// hostile roster: scan, search by name, pick an institution for a walk-in.
func hostileScanner(t *testing.T, ctx context.Context, g *hostileGuard, w hostileWorld) {
	steps(t, ctx, chromedp.EmulateViewport(412, 860))
	defer steps(t, ctx, chromedp.EmulateReset())
	openScanner(t, ctx, w.ts.URL, w.door)
	steps(t, ctx, chromedp.Evaluate[chromedp.Void](recordAnswers))
	checkHostilePage(t, ctx, g, w.ts.URL, "/door/", hostileSpot{"#door-name", []string{hBold + ` "><img src=x`}})

	t.Run("answer", func(t *testing.T) {
		scanned := []struct{ name, title, detail string }{
			{hImg, hImg, hImg},
			{"long", hLong[:119] + "…", "@Puerta sur"}, // checked in before: when and where
		}
		for i, s := range scanned {
			steps(t, ctx, chromedp.SendKeys(chromedp.ID("code"), w.codes[s.name]+kb.Enter))
			waitPage(t, ctx, fmt.Sprintf(`window.hostileAnswers.length > %d`, i), "the answer to a scan")
			got := pageEval[[]scanAnswer](t, ctx, `window.hostileAnswers`)[i]
			if got.Title != s.title || !strings.Contains(got.Detail, s.detail) {
				t.Errorf("answer to %.40q reads %.200q / %.200q; want %.200q / %.200q", s.name, got.Title, got.Detail, s.title, s.detail)
			}
			checkHostilePage(t, ctx, g, w.ts.URL, "/door/", hostileSpot{"#answer", []string{s.title}})
			saveScreen(t, ctx, fmt.Sprintf("answer-%d", i+1))
			steps(t, ctx, chromedp.Click(chromedp.ID("answer")))
		}
	})

	t.Run("search", func(t *testing.T) {
		steps(t, ctx, chromedp.Click(chromedp.ID("btn-search")), chromedp.SendKeys(chromedp.ID("search-input"), "alert"))
		checkHostilePage(t, ctx, g, w.ts.URL, "/door/", hostileSpot{"#search-results", []string{hScript, hImg, hInsts[0]}})
		saveScreen(t, ctx, "search")
		steps(t, ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById('search-input').value = ''`),
			chromedp.SendKeys(chromedp.ID("search-input"), "airam"))
		checkHostilePage(t, ctx, g, w.ts.URL, "/door/", hostileSpot{"#search-results", []string{hRTL, hInsts[2]}})
		saveScreen(t, ctx, "search-rtl")
		steps(t, ctx, chromedp.Click(chromedp.CSS("#search-panel .sheet-close")))
	})

	t.Run("walk-in", func(t *testing.T) { hostileWalkIn(t, ctx, g, w) })
}

// hostileWalkIn lists every institution in the walk-in picker, then adds a
// walk-in with a hostile name typed at the door.
func hostileWalkIn(t *testing.T, ctx context.Context, g *hostileGuard, w hostileWorld) {
	steps(t, ctx, chromedp.Click(chromedp.ID("btn-walkin")), chromedp.Evaluate[chromedp.Void](
		`(() => { const i = document.querySelector('#walkin-picker .picker-input'); i.value = ''; i.dispatchEvent(new Event('input')); })()`))
	checkHostilePage(t, ctx, g, w.ts.URL, "/door/", hostileSpot{"#walkin-picker", append(append(hInsts, hChapters...), hLongStart)})
	saveScreen(t, ctx, "walkin-picker")
	typed := hBold + " " + hImg
	steps(t, ctx, chromedp.SendKeys(chromedp.ID("walkin-name"), typed), chromedp.Evaluate[chromedp.Void](
		`[...document.querySelectorAll('#walkin-picker .pick')].find((b) => b.querySelector('span').textContent === `+jsString(hImg)+`).click()`),
		chromedp.Click(chromedp.ID("walkin-submit")))
	waitPage(t, ctx, `window.hostileAnswers.some((a) => a.title === `+jsString(typed)+`)`, "the walk-in's answer")
	checkHostilePage(t, ctx, g, w.ts.URL, "/door/", hostileSpot{"#last-name", []string{typed}})
	saveScreen(t, ctx, "walkin")
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`, "\u2028", `\u2028`, "\u2029", `\u2029`)
	return "'" + r.Replace(s) + "'"
}
