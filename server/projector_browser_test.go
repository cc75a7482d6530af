package server

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"presente/server/store"
)

// projTotal is a condition: the big number shows n, done counting.
func projTotal(n int) string {
	return fmt.Sprintf(`(() => { const e = document.getElementById('total');
		return e && e.dataset.value === '%d' && e.textContent.replace(/\D/g, '') === '%d'; })()`, n, n)
}

const projReconnecting = `!document.getElementById('status').classList.contains('hidden')`

func TestProjectorBrowserLiveAndRestart(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ts.checkIn(t, f.Action, f.Door, f.Codes["Iglesia San José"][0])
	ctx := newBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/projector/#token="+f.Display)); err != nil {
		t.Fatal(err)
	}
	waitPage(t, ctx, projTotal(1), "the seeded total")
	if href := pageEval[string](t, ctx, `location.href`); strings.Contains(href, "disp_") {
		t.Errorf("the display token stays in the address bar: %s", href)
	}
	chapters := pageEval[[]string](t, ctx, `[...document.querySelectorAll('#chapters .name')].map(e => e.textContent)`)
	if strings.Join(chapters, ",") != "Durham,Raleigh" {
		t.Errorf("chapter bars = %q, want Durham, Raleigh in that order", chapters)
	}

	markBars := `document.querySelectorAll('#chapters li').forEach((li, i) => { li.mark = 'bar' + i; })`
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](markBars)); err != nil {
		t.Fatal(err)
	}
	ts.checkIn(t, f.Action, f.Door, f.Codes["Sindicato Local 12"][0])
	took := waitPage(t, ctx, projTotal(2), "a check-in to appear")
	t.Logf("a check-in posted to the API showed on the projector after %v", took.Round(time.Millisecond))
	waitPage(t, ctx, `document.getElementById('recent').textContent.includes('+1Sindicato Local 12')`,
		"the arrival in the recent list")
	if marks := pageEval[string](t, ctx, `[...document.querySelectorAll('#chapters li')].map(li => li.mark).join()`); marks != "bar0,bar1" {
		t.Errorf("chapter bars after a change = %q, want the same bars in the same order", marks)
	}

	ts = restartUnderThePage(t, ctx, ts, f)
	waitPage(t, ctx, projTotal(4)+" && !("+projReconnecting+")", "recovery to the right numbers after a restart")
	ts.checkIn(t, f.Action, f.Door, f.Codes["Centro El Puente"][2])
	waitPage(t, ctx, projTotal(5), "a check-in on the restarted server")
	bars := pageEval[[]string](t, ctx, `[...document.querySelectorAll('#chapters .present')].map(e => e.dataset.value)`)
	if strings.Join(bars, ",") != "4,1" {
		t.Errorf("chapter bars after restart = %q, want Durham 4, Raleigh 1", bars)
	}
}

// restartUnderThePage stops the server under an open projector, checks in
// two leaders while it is down, and starts it again on the same address.
func restartUnderThePage(t *testing.T, ctx context.Context, ts *testServer, f fixture) *testServer {
	t.Helper()
	return restartServer(t, ts, func(srv *Server) {
		waitPage(t, ctx, projReconnecting, "the reconnecting marker")
		for i, code := range f.Codes["Centro El Puente"][:2] {
			in := store.CheckIn{ID: fmt.Sprintf("offline-%04d", i), Action: f.Action, Code: code}
			if _, err := srv.Store().CheckIn(context.Background(), in); err != nil {
				t.Fatalf("check in while down: %v", err)
			}
		}
	})
}

// TestProjectorBrowserFeedResyncsOnGap drives the page's live feed with
// messages out of order: a change already applied is ignored, and a gap in
// seq makes the feed start again from a fresh snapshot of the real server.
func TestProjectorBrowserFeedResyncsOnGap(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ctx := newBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/projector/#token="+f.Display)); err != nil {
		t.Fatal(err)
	}
	waitPage(t, ctx, projTotal(0), "the projector")
	san := f.Institutions["Iglesia San José"]
	got := pageEval[[]string](t, ctx, fmt.Sprintf(`(async () => {
		const { Feed } = await import('/shared/feed.js');
		const log = [];
		let snapshots = 0;
		const feed = new Feed({ action: %d, token: %q, onStatus: (s) => log.push(s),
			onSnapshot: (s) => { snapshots++; log.push('snapshot ' + s.seq + ' total ' + s.total); },
			onChange: (c, s) => log.push('change ' + c.seq + ' total ' + s.total) });
		feed.start();
		const until = async (ok) => { for (let i = 0; i < 300 && !ok(); i++) await new Promise(r => setTimeout(r, 50)); };
		await until(() => snapshots === 1);
		const s = feed.state, ch = s.chapters.find(c => c.institutions.some(i => i.id === %d));
		const change = (seq, n) => JSON.stringify({ type: 'change', seq, institution: %d, chapter: ch.id,
			delta: 1, institution_present: n, chapter_present: n, total: n, kind: 'checkin', at: new Date().toISOString() });
		feed.receive(change(s.seq + 1, 7));
		feed.receive(change(s.seq, 8));
		feed.receive(change(s.seq + 5, 9));
		await until(() => snapshots === 2);
		feed.stop();
		return log;
	})()`, f.Action, f.Display, san, san), chromedp.EvalAwaitPromise)
	var seq int
	if len(got) > 2 {
		fmt.Sscanf(got[2], "snapshot %d", &seq)
	}
	snap := fmt.Sprintf("snapshot %d total 0", seq) // the server's numbers, not the fake change's
	want := []string{"connecting", "live", snap, fmt.Sprintf("change %d total 7", seq+1), "reconnecting", "live", snap}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("feed log = %q\nwant %q", got, want)
	}
}
