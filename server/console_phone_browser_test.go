package server

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"presente/server/store"
)

// brokenWords lists the words of the selected elements' text that the page
// wraps across two lines: a name must break between words, never inside one.
const brokenWords = `((sel) => { const out = [];
	for (const el of document.querySelectorAll(sel)) {
		const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
		for (let n = walk.nextNode(); n; n = walk.nextNode()) {
			for (const m of n.data.matchAll(/[^\s\u2068\u2069()]+/g)) {
				const r = document.createRange();
				r.setStart(n, m.index);
				r.setEnd(n, m.index + m[0].length);
				const tops = new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top)));
				if (tops.size > 1) out.push(m[0]);
			}
		}
	}
	return out; })`

// TestConsoleRosterOnAPhone: on a 390 px phone the roster fits the screen,
// names wrap between words, and every Edit button can be tapped without
// scrolling sideways.
func TestConsoleRosterOnAPhone(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ctx := context.Background()
	st := ts.Store()
	ch, err := st.CreateChapter(ctx, "Siler City")
	if err != nil {
		t.Fatal(err)
	}
	in, err := st.CreateInstitution(ctx, ch.ID, "Centro Comunitario Hispano de Chatham", "community_center")
	if err != nil {
		t.Fatal(err)
	}
	_, err = st.AddLeaders(ctx, []store.NewLeader{
		{Name: "Alejandro Castillo Villaseñor", Institution: in.ID, Phone: "(919) 555-0120", Email: "alejandro.castillo.villasenor@example.org"},
		{Name: "María Guadalupe Domínguez", Institution: in.ID, Phone: "(704) 555-0139"},
	})
	if err != nil {
		t.Fatal(err)
	}
	bctx := newBrowser(t)
	consoleSignInBrowser(t, bctx, ts, f)
	err = chromedp.Do(bctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
		chromedp.Navigate(ts.URL+"/console/roster.html"), chromedp.WaitVisible(chromedp.CSS("#leaders tr")))
	if err != nil {
		t.Fatal(err)
	}
	waitPage(t, bctx, `document.querySelectorAll('#leaders tr').length === 14`, "every leader")
	saveShot(t, bctx, "console-roster-390")
	wide := pageEval[[]string](t, bctx, `[...document.querySelectorAll('main *')].filter(e => {
		const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > innerWidth + 0.5 || r.left < -0.5); })
		.map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' ' + e.textContent.slice(0, 30))`)
	if w := pageEval[int](t, bctx, `document.documentElement.scrollWidth`); w > 390 || len(wide) > 0 {
		t.Errorf("at 390 px the page is %d px wide; out of the screen: %q", w, wide)
	}
	if broken := pageEval[[]string](t, bctx, brokenWords+`('#leaders .name, #institutions .name, #chapters .name')`); len(broken) > 0 {
		t.Errorf("words broken across lines: %q", broken)
	}
	unreachable := pageEval[[]string](t, bctx, `[...document.querySelectorAll('main td.actions button')].filter(b => {
		b.scrollIntoView({ block: 'center', inline: 'nearest' });
		const r = b.getBoundingClientRect(), hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
		return r.left < 0 || r.right > innerWidth || r.height < 36 || !(hit === b || b.contains(hit)); })
		.map(b => b.closest('tr').textContent.slice(0, 40))`)
	if len(unreachable) > 0 {
		t.Errorf("Edit buttons off the screen or under something else: %q", unreachable)
	}
	if err := chromedp.Do(bctx, chromedp.Evaluate[chromedp.Void](`scrollTo(0, 0)`)); err != nil {
		t.Fatal(err)
	}
	saveShot(t, bctx, "console-roster-390-full")
}

// TestConsoleHistoryWritesTheWholeYear: "dic 26" reads as the 26th of
// December; a column of the history names its month and its whole year.
func TestConsoleHistoryWritesTheWholeYear(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ctx := newBrowser(t)
	consoleSignInBrowser(t, ctx, ts, f)
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/console/history.html"), chromedp.WaitVisible(chromedp.CSS("#history-head th"))); err != nil {
		t.Fatal(err)
	}
	read := `[...document.querySelectorAll('#history-head th .muted, #chart svg text:not(.value)')].map(e => e.textContent.replace(/\s+/g, ' '))`
	for _, lang := range []struct{ key, dec, jan string }{{"", "dic 2026", "ene 2027"}, {"l", "Dec 2026", "Jan 2027"}} {
		if lang.key != "" {
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".top .tools button"))); err != nil {
				t.Fatal(err)
			}
			waitPage(t, ctx, `document.documentElement.lang === 'en'`, "English")
		}
		got := strings.Join(pageEval[[]string](t, ctx, read), "|")
		if got != strings.Join([]string{lang.dec, lang.jan, lang.dec, lang.jan}, "|") {
			t.Errorf("history labels %q, want %s and %s in the table and the chart", got, lang.dec, lang.jan)
		}
	}
}
