package server

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// headerOverflow lists what in the projector's header does not fit its
// box — a text cut off, the bar wider than the screen — and whether the
// theme button wraps onto a second line.
const headerOverflow = `(() => { const bar = document.querySelector('.app > .bar'), out = [];
	for (const e of [bar, ...bar.querySelectorAll('*')]) {
		const r = e.getBoundingClientRect();
		if (r.width === 0) continue;
		if (e.scrollWidth > e.clientWidth + 1 || r.right > innerWidth + 0.5 || r.left < -0.5)
			out.push((e.id || e.className) + ' ' + e.textContent.slice(0, 60) + ' ' + e.scrollWidth + '>' + e.clientWidth);
	}
	const theme = document.getElementById('theme'), range = document.createRange();
	range.selectNodeContents(theme);
	const lines = new Set([...range.getClientRects()].map(x => Math.round(x.top))).size;
	if (lines !== 1) out.push('theme button on ' + lines + ' lines: ' + theme.textContent);
	return out; })()`

// TestProjectorHeaderFitsItsScreen: at 1920×1080 and 1280×720, in Spanish
// and in English, live and while reconnecting, nothing in the projector's
// header is cut off — the action's name, the keys' hint, the buttons — and
// the theme button reads on one line.
func TestProjectorHeaderFitsItsScreen(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	st := ts.Store()
	a, err := st.Action(context.Background(), f.Action)
	if err != nil {
		t.Fatal(err)
	}
	a.Name = "Asamblea Pública de Primavera 2026"
	if _, err := st.UpdateAction(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	sizes := [][2]int64{{1920, 1080}, {1280, 720}}
	ctxs := make([]context.Context, len(sizes))
	for i, s := range sizes {
		ctxs[i] = newBrowser(t)
		steps(t, ctxs[i], chromedp.EmulateViewport(s[0], s[1]), chromedp.Navigate(ts.URL+"/projector/#token="+f.Display))
		waitPage(t, ctxs[i], projTotal(0), "the projector")
	}
	check := func(state string) {
		for i, s := range sizes {
			for _, lang := range []string{"es", "en"} {
				ctx := ctxs[i]
				if pageEval[string](t, ctx, `document.documentElement.lang`) != lang {
					steps(t, ctx, chromedp.Click(chromedp.ID("lang")))
					waitPage(t, ctx, fmt.Sprintf(`document.getElementById('committed-line').textContent.endsWith(%q)`,
						map[string]string{"es": "comprometidos", "en": "committed"}[lang]), "the screen in its language")
				}
				name := fmt.Sprintf("%dx%d-%s-%s", s[0], s[1], lang, state)
				if out := pageEval[[]string](t, ctx, headerOverflow); len(out) > 0 {
					t.Errorf("%s: the header does not fit: %q", name, out)
				}
				saveScreen(t, ctx, name)
			}
		}
	}
	check("live")
	ts.stop(t)
	for _, ctx := range ctxs {
		waitPage(t, ctx, projReconnecting, "the reconnecting marker")
	}
	check("reconnecting")
}
