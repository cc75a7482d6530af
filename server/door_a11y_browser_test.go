package server

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// smallTargets lists the visible buttons, links and fields under the given
// roots that a thumb cannot hit: under 44 by 44 CSS pixels.
const smallTargets = `((roots) => roots.flatMap((r) => [...document.querySelectorAll(r + ' button, ' + r + ' input, ' + r + ' a')])
	.filter((el) => el.getClientRects().length > 0)
	.map((el) => [el.id || el.className || el.tagName, el.getBoundingClientRect()])
	.filter(([, r]) => r.width < 44 || r.height < 44)
	.map(([n, r]) => n + ' ' + Math.round(r.width) + 'x' + Math.round(r.height)))`

// contrastOf is the WCAG contrast of an element's text against the nearest
// background under it, the element's opacity blended in.
const contrastOf = `((sel) => {
	const rgb = (c) => (c.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
	const lum = (c) => { const v = c.map((x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
		return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
	const el = document.querySelector(sel);
	let under = el;
	while (under.parentElement && /rgba\(.*, 0\)|transparent/.test(getComputedStyle(under).backgroundColor)) under = under.parentElement;
	const bg = rgb(getComputedStyle(under).backgroundColor);
	let a = 1;
	for (let e = el; e && e.id !== 'answer'; e = e.parentElement) a *= Number(getComputedStyle(e).opacity);
	const fg = rgb(getComputedStyle(el).color).map((c, i) => c * a + bg[i] * (1 - a));
	const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
})`

// TestDoorAccessible: every target on the scanner and its sheets is at least
// 44 px; every field has a label, not only a placeholder; the language
// button says in which language it is written; every line of every answer
// reads at 4.5:1 or better; and green, amber and red answers differ in shape
// and words, not only in colour.
func TestDoorAccessible(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ctx := newPhone(t, chromedp.Flag("use-fake-device-for-media-stream", true),
		chromedp.Flag("use-fake-ui-for-media-stream", true))
	openDoor(t, ctx, ts.URL, f.Door)
	atWidth(t, ctx, 390)
	waitPage(t, ctx, `document.getElementById('cam-state').dataset.state === 'running'`, "the camera to run")

	t.Run("targets", func(t *testing.T) {
		if small := pageEval[[]string](t, ctx, smallTargets+`(['main', 'header'])`); len(small) > 0 {
			t.Errorf("targets under 44 px on the scanner: %q", small)
		}
		for _, sheet := range []string{"search", "walkin", "headcount"} {
			steps(t, ctx, chromedp.Click(chromedp.ID("btn-"+sheet)))
			if small := pageEval[[]string](t, ctx, smallTargets+`(['#`+sheet+`-panel'])`); len(small) > 0 {
				t.Errorf("targets under 44 px on the %s sheet: %q", sheet, small)
			}
			steps(t, ctx, chromedp.Click(chromedp.CSS("#"+sheet+"-panel .sheet-close")))
		}
	})

	t.Run("labels", func(t *testing.T) {
		unlabelled := pageEval[[]string](t, ctx, `[...document.querySelectorAll('input')].filter((i) => i.labels.length === 0 || ![...i.labels].some((l) => l.textContent.trim())).map((i) => i.id || i.className)`)
		if len(unlabelled) > 0 {
			t.Errorf("fields without a label: %q", unlabelled)
		}
	})

	t.Run("language button", func(t *testing.T) {
		if l := pageEval[string](t, ctx, `document.getElementById('lang').lang`); l != "en" {
			t.Errorf("the English button has lang=%q, want en", l)
		}
		if l := pageEval[string](t, ctx, `document.getElementById('walkin-en').lang`); l != "en" {
			t.Errorf("the walk-in's English button has lang=%q, want en", l)
		}
		steps(t, ctx, chromedp.Click(chromedp.ID("lang")))
		if l := pageEval[string](t, ctx, `document.getElementById('lang').lang`); l != "es" {
			t.Errorf("the Español button has lang=%q, want es", l)
		}
		steps(t, ctx, chromedp.Click(chromedp.ID("lang")))
	})

	t.Run("answers", func(t *testing.T) {
		code := f.Codes["Sindicato Local 12"][0]
		looks := map[string]string{}
		words := map[string]string{}
		for _, s := range []struct{ code, kind string }{{code, "ok"}, {code, "warn"}, {"ZZZZZZZZZZZZZZZZ", "bad"}} {
			doorScan(t, ctx, s.code, s.kind)
			waitPage(t, ctx, `document.querySelector('#answer .answer-note').textContent || document.querySelector('#answer .answer-detail').textContent`, "the answer's words")
			for _, part := range []string{".answer-icon", ".answer-title", ".answer-detail", ".answer-note"} {
				if c := pageEval[float64](t, ctx, contrastOf+`('#answer `+part+`')`); c < 4.5 {
					t.Errorf("%s answer: %s contrast %.2f:1, want at least 4.5:1", s.kind, part, c)
				}
			}
			looks[s.kind] = pageEval[string](t, ctx, `(() => { const s = getComputedStyle(document.querySelector('#answer .answer-icon'));
				return [s.clipPath, s.borderRadius, document.querySelector('#answer .answer-icon').textContent].join(' | '); })()`)
			words[s.kind] = textOf(t, ctx, "#answer")
			saveShot(t, ctx, "answer-"+s.kind+"-390")
			dismissAnswer(t, ctx)
		}
		if looks["ok"] == looks["warn"] || looks["warn"] == looks["bad"] || looks["ok"] == looks["bad"] {
			t.Errorf("answers share a shape: %q", looks)
		}
		if !strings.Contains(words["ok"], "Entrada registrada") || !strings.Contains(words["warn"], "Ya entró a las") ||
			!strings.Contains(words["warn"], "Puede pasar") || !strings.Contains(words["bad"], "Gafete no reconocido") {
			t.Errorf("answers' words: %q", words)
		}
	})
}
