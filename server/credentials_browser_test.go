package server

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"presente/server/store"
)

// rollPage reads the credentials screen: its rows' names and the counter.
type rollPage struct {
	Names []string `json:"names"`
	Page  string   `json:"page"`
}

const readRollPage = `({ names: [...document.querySelectorAll('#creds-rows td.name')].map(e => e.textContent),
	page: document.getElementById('creds-page').textContent })`

func TestProjectorBrowserCredentialsRollCall(t *testing.T) {
	ts := newTestServer(t)
	h := seedDemoHall(t, ts)
	ctx := newBrowser(t)
	signInThroughLiveView(t, ctx, ts, h)
	checkLiveView(t, ctx)
	showDashboard(t, ctx, ts, h)

	want := expectedRoll(t, ts.Store(), h.action)
	if err := chromedp.Do(ctx, chromedp.KeyEvent("c")); err != nil {
		t.Fatal(err)
	}
	waitPage(t, ctx, `document.querySelectorAll('#creds-rows td.name').length > 0`, "credentials mode")
	saveScreen(t, ctx, "projector-credentials-1920x1080")
	assertFits(t, ctx, 1920, 1080)
	got := pageThroughRoll(t, ctx, kb.PageDown)
	if !slices.Equal(got, want) {
		t.Errorf("the roll call read %d institutions:\n%q\nwant %d:\n%q", len(got), got, len(want), want)
	}

	closeCredentialsOnProjector(t, ctx)
	frozen, later := laterArrivals(t, ts, h)
	waitPage(t, ctx, `document.getElementById('creds-later').textContent.includes('+3 llegaron después')`, "later arrivals shown apart")
	row := findRollRow(t, ctx, frozen.Name)
	if row[2] != fmt.Sprint(frozen.Delegation) || row[4] != "+3" {
		t.Errorf("row of %s after %d later arrivals = %q, want delegation %d frozen and +3 apart", frozen.Name, later, row, frozen.Delegation)
	}
	saveScreen(t, ctx, "projector-credentials-closed-1920x1080")

	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape), chromedp.EmulateViewport(1280, 720)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	assertFits(t, ctx, 1280, 720)
	saveScreen(t, ctx, "projector-dashboard-1280x720")
	if err := chromedp.Do(ctx, chromedp.KeyEvent("c"), chromedp.KeyEvent(kb.Home)); err != nil {
		t.Fatal(err)
	}
	waitPage(t, ctx, `document.getElementById('creds-page').textContent.startsWith('1 /')`, "credentials at 1280x720")
	if got := pageThroughRoll(t, ctx, kb.ArrowRight); !slices.Equal(got, want) {
		t.Errorf("at 1280x720 the roll call read %q, want %q", got, want)
	}
	assertFits(t, ctx, 1280, 720)
}

// showDashboard opens the projector as the organizer at 1920x1080, waits for
// the demo action's numbers, and takes pictures in both themes and languages.
func showDashboard(t *testing.T, ctx context.Context, ts *testServer, h demoHall) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1920, 1080),
		chromedp.Navigate(fmt.Sprintf("%s/projector/?action=%d", ts.URL, h.action))); err != nil {
		t.Fatal(err)
	}
	total, _ := fanTruth(t, ts.Store(), h.action)
	waitPage(t, ctx, projTotal(total), "the demo action's total")
	waitPage(t, ctx, `document.querySelectorAll('#chart rect.bar').length >= 10`, "the arrivals chart")
	time.Sleep(time.Second) // let the bars finish growing before the picture
	saveScreen(t, ctx, "projector-dashboard-1920x1080")
	assertFits(t, ctx, 1920, 1080)
	if err := chromedp.Do(ctx, chromedp.KeyEvent("t"), chromedp.KeyEvent("l")); err != nil {
		t.Fatal(err)
	}
	waitPage(t, ctx, `document.body.classList.contains('light') && document.documentElement.lang === 'en'`, "English in the light theme")
	time.Sleep(time.Second)
	saveScreen(t, ctx, "projector-dashboard-light-en-1920x1080")
	if err := chromedp.Do(ctx, chromedp.KeyEvent("t"), chromedp.KeyEvent("l")); err != nil {
		t.Fatal(err)
	}
}

// assertFits checks that the page fills the screen without scrolling.
func assertFits(t *testing.T, ctx context.Context, w, h int) {
	t.Helper()
	size := pageEval[[]int](t, ctx, `[document.documentElement.scrollWidth, document.documentElement.scrollHeight, innerWidth, innerHeight]`)
	if size[0] > size[2] || size[1] > size[3] || size[2] != w || size[3] != h {
		t.Errorf("at %dx%d the page is %dx%d in a %dx%d window; want no scrolling", w, h, size[0], size[1], size[2], size[3])
	}
}

// pageThroughRoll advances with key until the last screen and returns the
// institutions read, in order.
func pageThroughRoll(t *testing.T, ctx context.Context, key string) []string {
	t.Helper()
	var names []string
	for i := 0; ; i++ {
		p := pageEval[rollPage](t, ctx, readRollPage)
		var n, of int
		fmt.Sscanf(p.Page, "%d / %d", &n, &of)
		if n != i+1 {
			t.Fatalf("screen %q, want screen %d", p.Page, i+1)
		}
		if summary := pageEval[bool](t, ctx, `document.getElementById('creds-head').textContent.includes('Capítulo')`); !summary {
			names = append(names, p.Names...)
		}
		fits := `[...document.querySelectorAll('#creds-table tr')].every(r => r.getBoundingClientRect().bottom <= innerHeight)`
		if !pageEval[bool](t, ctx, fits) {
			t.Errorf("screen %s: some rows fall below the screen", p.Page)
		}
		if n == of {
			return names
		}
		if err := chromedp.Do(ctx, chromedp.KeyEvent(key)); err != nil {
			t.Fatal(err)
		}
		waitPage(t, ctx, fmt.Sprintf(`document.getElementById('creds-page').textContent.startsWith('%d /')`, n+1), "the next screen")
	}
}

func closeCredentialsOnProjector(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Home), chromedp.Click(chromedp.ID("creds-close"))); err != nil {
		t.Fatal(err)
	}
	waitPage(t, ctx, `document.getElementById('creds-close').textContent.includes('otra vez')`, "the confirmation")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("creds-close"))); err != nil {
		t.Fatal(err)
	}
	waitPage(t, ctx, `document.getElementById('creds-state').textContent.startsWith('Cerradas')`, "credentials closed")
}

// laterArrivals checks in three more leaders of an institution after the
// closing, and returns its frozen numbers.
func laterArrivals(t *testing.T, ts *testServer, h demoHall) (store.CredentialInstitution, int) {
	t.Helper()
	cr, err := ts.Store().Credentials(context.Background(), h.action)
	if err != nil || !cr.Closed {
		t.Fatalf("credentials = %+v, %v; want closed", cr, err)
	}
	for _, ch := range cr.Chapters {
		for _, in := range ch.Institutions {
			if codes := h.unused[in.ID]; len(codes) >= 3 {
				ts.checkIn(t, h.action, h.door, codes[:3]...)
				return in, 3
			}
		}
	}
	t.Fatal("no institution with three leaders left to arrive")
	return store.CredentialInstitution{}, 0
}

// findRollRow pages from the start until the institution's row shows, and
// returns its cells.
func findRollRow(t *testing.T, ctx context.Context, name string) []string {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Home)); err != nil {
		t.Fatal(err)
	}
	find := fmt.Sprintf(`[...document.querySelectorAll('#creds-rows tr')].map(r => [...r.cells].map(c => c.textContent)).find(c => c[0] === %q) || null`, name)
	for range 40 {
		if row := pageEval[[]string](t, ctx, find); row != nil {
			return row
		}
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowRight)); err != nil {
			t.Fatal(err)
		}
	}
	t.Fatalf("no row for %s in the roll call", name)
	return nil
}
