package server

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// noteAnswerKinds makes the scanner note every answer it puts on screen, in
// window.answered, so a test sees a green answer however briefly shown.
const noteAnswerKinds = `(() => { const a = window.presenteScanner.answer, show = a.show.bind(a);
	window.answered = []; a.show = (kind, opts) => { window.answered.push(kind); show(kind, opts); }; })()`

// scanAnswered scans one code and returns every answer the scanner showed
// for it until the standby or the primary acknowledged it.
func scanAnswered(tb testing.TB, ctx context.Context, code string) []string {
	tb.Helper()
	pageEval[any](tb, ctx, `window.answered = []`)
	steps(tb, ctx, chromedp.SendKeys(chromedp.ID("code"), code+kb.Enter))
	waitPage(tb, ctx, `window.answered.length > 0 && document.getElementById('unsent').dataset.count === '0'`, "the scan answered and sent")
	time.Sleep(300 * time.Millisecond) // a correction from the server would show by now
	return pageEval[[]string](tb, ctx, `window.answered`)
}

// totalShown is the number in the scanner's "Presentes: N".
const totalShown = `Number(document.getElementById('total').textContent.replace(/\D/g, ''))`

// TestDoorReadsTheStandbyWhileItSendsThere: while a door sends to its
// venue's standby, its running total and its "already checked in" answers
// come from the standby, whose feed it reads from the start (the standby
// numbers its feed its own way): a leader another door checked in there
// is answered amber at once, never green, and the total moves; a leader
// this door checked in at the primary stays amber. Back at the primary,
// the live total again.
func TestDoorReadsTheStandbyWhileItSendsThere(t *testing.T) {
	vp, f := startVenuePair(t)
	ctx := newPhone(t)
	openScanner(t, ctx, vp.primary.URL, f.Door)
	waitPage(t, ctx, `window.presenteScanner.venue.standbyURL() === '`+vp.standby.URL+`'`, "the standby as the door's second address")
	san := f.Codes["Iglesia San José"]
	scanAt(t, ctx, san[0:1])
	waitFor(t, 30*time.Second, "the standby to hold the primary's scan", func() bool { return vp.standby.total(f.Action) == 1 })
	pageEval[any](t, ctx, noteAnswerKinds)

	vp.stopPrimary(t)
	scanAt(t, ctx, san[1:2])
	waitPage(t, ctx, `document.getElementById('net').dataset.venue === 'standby'`, "the door to send to the standby")
	waitPage(t, ctx, totalShown+` === 2`, "the standby's total, 2, on the door")
	vp.standby.checkIn(t, f.Action, f.Door2, san[2]) // another door, at the standby
	waitPage(t, ctx, totalShown+` === 3`, "the total to move with the other door's scan at the standby")
	waitPage(t, ctx, `window.presenteScanner.roster.get('`+san[2]+`').at`, "the other door's scan in the door's roster")
	if got := scanAnswered(t, ctx, san[2]); slices.Contains(got, "ok") || got[len(got)-1] != "warn" {
		t.Errorf("a leader another door checked in at the standby: answers %v, want warn and never ok", got)
	}
	if got := scanAnswered(t, ctx, san[0]); !slices.Equal(got, []string{"warn"}) {
		t.Errorf("a leader this door checked in at the primary: answers %v, want [warn]", got)
	}
	saveScreen(t, ctx, "standby-feed-360")

	vp.restartPrimary(t)
	waitPage(t, ctx, `document.getElementById('net').dataset.venue === 'primary'`, "the door to go back to the primary")
	waitFor(t, 45*time.Second, "the primary to hold the standby's scans", func() bool { return vp.primary.total(f.Action) == 3 })
	waitPage(t, ctx, totalShown+` === 3 && window.presenteScanner.live.status === 'live'`, "the primary's live total")
	if got := scanAnswered(t, ctx, san[1]); !slices.Equal(got, []string{"warn"}) {
		t.Errorf("back at the primary, a leader this door checked in at the standby: answers %v, want [warn]", got)
	}
}

// total is the action's turnout in ts's tally.
func (ts *testServer) total(action int64) int {
	n, _ := ts.tally.Total(action)
	return n
}
