package server

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"presente/server/store"
)

// TestDoorWalkInOffersRosterMatch: a name typed in the walk-in form that is
// already on the roster (accents aside) is offered as "¿Es esta persona?";
// a tap checks that leader in, as a search would, and adds no one. A name
// not on the roster is offered nothing.
func TestDoorWalkInOffersRosterMatch(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	refs, err := ts.Store().AddLeaders(context.Background(), []store.NewLeader{{Name: "Ana Núñez", Institution: f.Institutions["Iglesia San José"]}})
	if err != nil {
		t.Fatalf("AddLeaders: %v", err)
	}
	ctx := newPhone(t)
	openDoor(t, ctx, ts.URL, f.Door)
	atWidth(t, ctx, 360)
	before := len(must([]store.RosterEntry{}, "roster")(ts.Store().Roster(context.Background(), f.Action)))

	steps(t, ctx, chromedp.Click(chromedp.ID("btn-walkin")), chromedp.SendKeys(chromedp.ID("walkin-name"), "Pedro Nuevo"))
	time.Sleep(200 * time.Millisecond)
	if pageEval[bool](t, ctx, `!document.getElementById('walkin-matches').classList.contains('hidden')`) {
		t.Errorf("a name not on the roster is offered %q", textOf(t, ctx, "#walkin-matches"))
	}
	clearField(t, ctx, "walkin-name")
	steps(t, ctx, chromedp.SendKeys(chromedp.ID("walkin-name"), "ana nunez"))
	got, ok := waitText(t, ctx, "#walkin-matches", "Ana Núñez", 5*time.Second)
	if !ok || !strings.Contains(got, "¿Es esta persona?") {
		t.Fatalf("walk-in form for ana nunez offers %q; want \"¿Es esta persona?\" and Ana Núñez", got)
	}
	saveScreen(t, ctx, "match-360")
	steps(t, ctx, chromedp.Click(chromedp.CSS("#walkin-match-list .leader")))
	waitPage(t, ctx, answerShowing("ok"), "a green answer for Ana Núñez")
	if got := textOf(t, ctx, "#answer .answer-title"); got != "Ana Núñez" {
		t.Errorf("answer says %q; want Ana Núñez", got)
	}
	settle(t, ctx)
	if n := checkinsOf(t, ts, f.Action, refs[0].Code); n != 1 {
		t.Errorf("Ana Núñez has %d check-ins, want 1", n)
	}
	after := len(must([]store.RosterEntry{}, "roster")(ts.Store().Roster(context.Background(), f.Action)))
	if after != before {
		t.Errorf("roster has %d leaders after the tap, was %d: the match made a duplicate", after, before)
	}
}
