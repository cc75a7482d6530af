package server

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestScannerBrowserWedgeAndRepeat: a hardware scanner types a badge code
// and Enter into the focused field; the answer is green with the name, the
// turnout moves; the same code again is amber with the time and the door.
func TestScannerBrowserWedgeAndRepeat(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ctx := newPhone(t)
	openScanner(t, ctx, ts.URL, f.Door)
	saveShot(t, ctx, "ready")
	code := f.Codes["Iglesia San José"][0]
	before := ts.presentTotal(t, f.Action, f.Door)

	steps(t, ctx, chromedp.SendKeys(chromedp.ID("code"), code+kb.Enter))
	waitPage(t, ctx, `document.getElementById('answer').dataset.kind === 'ok'`, "a green answer")
	title := pageEval[string](t, ctx, `document.querySelector('.answer-title').textContent`)
	if !strings.Contains(title, "Líder 1 de Iglesia San José") {
		t.Errorf("green answer names %q; want the leader", title)
	}
	saveShot(t, ctx, "green")
	ts.waitTotal(t, f.Action, f.Door, before+1)

	steps(t, ctx, chromedp.Click(chromedp.ID("answer")))
	steps(t, ctx, chromedp.SendKeys(chromedp.ID("code"), strings.ToLower(code[:8])+"-"+code[8:]+kb.Enter))
	waitPage(t, ctx, `document.getElementById('answer').dataset.kind === 'warn'`, "an amber answer")
	detail := pageEval[string](t, ctx, `document.querySelector('.answer-detail').textContent`)
	if !strings.Contains(detail, "Ya entró a las") || !strings.Contains(detail, "Puerta norte") {
		t.Errorf("amber answer says %q; want when and which door", detail)
	}
	saveShot(t, ctx, "amber")
	waitPage(t, ctx, `window.presenteScanner.sync.running === false && document.getElementById('unsent').dataset.count === '0'`, "the outbox to drain")
	if got := ts.presentTotal(t, f.Action, f.Door); got != before+1 {
		t.Errorf("turnout after a repeat = %d, want %d", got, before+1)
	}

	// A scanner typing while nothing has the focus, then the English screen.
	other := f.Codes["Iglesia San José"][1]
	steps(t, ctx, chromedp.Click(chromedp.ID("answer")),
		chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`),
		chromedp.KeyEvent(other+kb.Enter))
	waitPage(t, ctx, `document.getElementById('answer').dataset.kind === 'ok'`, "a green answer for keys typed outside the field")
	ts.waitTotal(t, f.Action, f.Door, before+2)
	steps(t, ctx, chromedp.Click(chromedp.ID("answer")), chromedp.Click(chromedp.ID("lang")),
		chromedp.SendKeys(chromedp.ID("code"), other+kb.Enter))
	waitPage(t, ctx, `document.getElementById('answer').dataset.kind === 'warn'`, "an amber answer in English")
	if detail := pageEval[string](t, ctx, `document.querySelector('.answer-detail').textContent`); !strings.HasPrefix(detail, "Already checked in at") {
		t.Errorf("English amber answer says %q", detail)
	}
	saveShot(t, ctx, "amber-en")
}
