package server

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// panelTops is where the live view's panels start, in pixels from the top
// of the page, and what the long call list holds.
type panelTops struct {
	Doors    float64 `json:"doors"`
	Chapters float64 `json:"chapters"`
	People   int     `json:"people"`
	Scrolls  bool    `json:"scrolls"`
	Heading  string  `json:"heading"`
}

const readPanelTops = `(() => { const top = (id) => document.getElementById(id).getBoundingClientRect().top + scrollY;
	const list = document.querySelector('#chase .chase-list');
	return { doors: top('doors'), chapters: top('chapters'), people: list.querySelectorAll('.chase-who').length,
		scrolls: list.scrollHeight > list.clientHeight + 1 && getComputedStyle(list).overflowY === 'auto',
		heading: document.querySelector('#chase h2').textContent }; })()`

// TestLiveViewKeepsDoorsAndChaptersInReachOfALongChase: with 1,200
// leaders not yet arrived, the call list scrolls in its own box and says
// how many it holds, so the doors' and chapters' tables stay within the
// first two screens of a 1366×768 laptop instead of tens of thousands of
// pixels down.
func TestLiveViewKeepsDoorsAndChaptersInReachOfALongChase(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	benchLeaders(t, ts.Store().Path(), institutionIDs(f), 1200, 0)

	ctx := newBrowser(t, chromedp.WindowSize(1366, 768))
	consoleTail(t, ctx)
	signInLive(t, ctx, ts, f)
	waitPage(t, ctx, `document.querySelectorAll('#chase .chase-who').length > 1200`, "the long call list")
	got := pageEval[panelTops](t, ctx, readPanelTops)
	screen := pageEval[float64](t, ctx, `innerHeight`)
	if got.Doors > 2*screen || got.Chapters > 2*screen {
		t.Errorf("doors at %.0f px, chapters at %.0f px, want both within two screens (%.0f px) above the call list of %d",
			got.Doors, got.Chapters, 2*screen, got.People)
	}
	if !got.Scrolls {
		t.Errorf("the call list of %d people does not scroll in its own box", got.People)
	}
	if want := "1,212 por llamar"; !strings.Contains(got.Heading, want) {
		t.Errorf("the call list's heading %q, want the count %q", got.Heading, want)
	}
	saveScreen(t, ctx, "live-long-chase-1366")
	saveShot(t, ctx, "live-long-chase-1366-page")
}
