package server

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"presente/server/store"
)

// TestDoorReadsTheStandbysRosterWhileItSendsThere: while a door sends to
// its venue's standby, a leader added there (as one comes down to it from
// the network) reaches the phone from the standby: found by name, and a
// scan of the badge answered green and counted at the standby. The
// standby's roster version is its own: the phone compares it only with
// what it read from the standby.
func TestDoorReadsTheStandbysRosterWhileItSendsThere(t *testing.T) {
	vp, f := startVenuePair(t)
	ctx := newPhone(t)
	openDoor(t, ctx, vp.primary.URL, f.Door)
	atWidth(t, ctx, 360)
	waitPage(t, ctx, `window.presenteScanner.venue.standbyURL() === '`+vp.standby.URL+`'`, "the standby as the door's second address")
	san := f.Codes["Iglesia San José"]

	vp.stopPrimary(t)
	scanAt(t, ctx, san[0:1])
	waitPage(t, ctx, `document.getElementById('net').dataset.venue === 'standby'`, "the door to send to the standby")
	waitPage(t, ctx, `window.presenteScanner.cursors.has('`+vp.standby.URL+`')`, "the door to read the standby's feed")

	refs, err := vp.standby.Store().AddLeaders(context.Background(),
		[]store.NewLeader{{Name: "Rosa Méndez Díaz", Institution: f.Institutions["Centro El Puente"]}})
	if err != nil || len(refs) != 1 || refs[0].Code == "" {
		t.Fatalf("add a leader at the standby: %v %+v", err, refs)
	}
	code := refs[0].Code
	took := waitPage(t, ctx, fmt.Sprintf(`window.presenteScanner.roster.get(%q)`, code), "the standby's new leader on the phone")
	t.Logf("the leader added at the standby reached the phone after %v", took)

	steps(t, ctx, chromedp.Click(chromedp.ID("btn-search")), chromedp.SendKeys(chromedp.ID("search-input"), "rosa mendez"))
	if got, ok := waitText(t, ctx, "#search-results", "Rosa Méndez Díaz", 5*time.Second); !ok {
		t.Errorf("search for rosa mendez lists %q; want the leader added at the standby", got)
	}
	saveScreen(t, ctx, "standby-search-360")
	steps(t, ctx, chromedp.Click(chromedp.CSS("#search-panel .sheet-close")))
	if !pageEval[bool](t, ctx, fmt.Sprintf(`!!window.presenteScanner.roster.get(%q).at`, san[0])) {
		t.Errorf("the phone's check-in at the standby was lost with the standby's roster")
	}

	doorScan(t, ctx, code, "ok")
	if got := textOf(t, ctx, "#answer .answer-title"); got != "Rosa Méndez Díaz" {
		t.Errorf("the answer to the new leader's badge says %q", got)
	}
	dismissAnswer(t, ctx)
	waitDrained(t, ctx)
	if n := checkinsOf(t, vp.standby, f.Action, code); n != 1 {
		t.Errorf("the new leader has %d check-ins in force at the standby, want 1", n)
	}
}
