package server

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"presente/server/store"
)

// TestDoorRosterRefreshFindsImportedLeader: a leader imported in the
// console after the phone started is found at that door, by name and by
// badge, within the time it takes to read the roster again, and still by
// badge once the event computer is gone; the phone's own check-ins survive
// the new roster.
func TestDoorRosterRefreshFindsImportedLeader(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ctx := newPhone(t)
	openDoor(t, ctx, ts.URL, f.Door)
	atWidth(t, ctx, 360)
	mine := f.Codes["Iglesia San José"][0]
	doorScan(t, ctx, mine, "ok")
	dismissAnswer(t, ctx)

	c := signInConsole(t, ts, f)
	file := []byte("Name\tLast name\tInstitution\nRosa\tMéndez Díaz\tCentro El Puente\n")
	plan := decodeJSON[store.RosterPlan](t, c.must(t, 200, "POST", "/api/imports/roster", file))
	c.must(t, 200, "POST", "/api/imports/roster?confirm="+plan.Hash, file)
	code := ""
	leaders, err := ts.Store().Roster(context.Background(), f.Action)
	if err != nil {
		t.Fatalf("roster: %v", err)
	}
	for _, l := range leaders {
		if l.Name == "Rosa Méndez Díaz" {
			code = l.Code
		}
	}
	if code == "" {
		t.Fatalf("the import added no Rosa Méndez Díaz")
	}
	// Without a reload the phone never knew her; how soon it does is a
	// figure (≈ 10 s between roster reads), logged, not a bound: a loaded
	// CI machine under the race detector took 29 s.
	took := waitPage(t, ctx, fmt.Sprintf(`window.presenteScanner.roster.get(%q)`, code), "the imported leader on the phone")
	t.Logf("the imported leader reached the phone after %v", took)
	if !pageEval[bool](t, ctx, fmt.Sprintf(`!!window.presenteScanner.roster.get(%q).at`, mine)) {
		t.Errorf("the phone's own check-in was lost with the new roster")
	}
	steps(t, ctx, chromedp.Click(chromedp.ID("btn-search")), chromedp.SendKeys(chromedp.ID("search-input"), "rosa mendez"))
	if got, ok := waitText(t, ctx, "#search-results", "Rosa Méndez Díaz", 5*time.Second); !ok {
		t.Errorf("search for rosa mendez lists %q; want the imported leader", got)
	}
	saveScreen(t, ctx, "search-360")
	steps(t, ctx, chromedp.Click(chromedp.CSS("#search-panel .sheet-close")))

	ts.stop(t)
	steps(t, ctx, chromedp.SendKeys(chromedp.ID("code"), code+kb.Enter))
	waitPage(t, ctx, answerShowing("ok"), "a green answer offline for the imported leader's badge")
	if got := textOf(t, ctx, "#answer .answer-title"); got != "Rosa Méndez Díaz" {
		t.Errorf("offline answer to the imported badge says %q", got)
	}
}
