package server

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestDoorOnePendingIsSingular: one entry waiting on the phone is "1
// pendiente", and the screen of a door revoked meanwhile says "Queda 1
// registro pendiente", in the singular, in English too.
func TestDoorOnePendingIsSingular(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	door, err := ts.Store().DoorByToken(context.Background(), f.Door)
	if err != nil {
		t.Fatalf("DoorByToken: %v", err)
	}
	ctx := newPhone(t)
	openDoor(t, ctx, ts.URL, f.Door)
	atWidth(t, ctx, 360)
	ts.stop(t)
	codes := f.Codes["Iglesia San José"]
	steps(t, ctx, chromedp.SendKeys(chromedp.ID("code"), codes[0]+kb.Enter))
	waitPage(t, ctx, `document.getElementById('unsent').dataset.count === '1'`, "one entry waiting")
	if got := textOf(t, ctx, "#unsent"); got != "1 pendiente" {
		t.Errorf("one entry waiting reads %q, want \"1 pendiente\"", got)
	}
	dismissAnswer(t, ctx)
	saveScreen(t, ctx, "one-pending-360")
	ts = restartServer(t, ts, func(s *Server) {
		if err := s.store.RevokeDoor(context.Background(), f.Action, door.ID); err != nil {
			t.Fatalf("RevokeDoor: %v", err)
		}
	})
	waitPage(t, ctx, `document.getElementById('blocker').dataset.kind === 'revoked'`, "the phone to be told it was revoked")
	if got := textOf(t, ctx, "#blocker-unsent"); got != "Queda 1 registro pendiente en este teléfono. No lo borre: muéstreselo a un organizador." {
		t.Errorf("revoked screen with one entry waiting says %q", got)
	}
	// The blocker covers the header's language button and carries its own.
	steps(t, ctx, chromedp.Click(chromedp.ID("blocker-lang")))
	if got := textOf(t, ctx, "#blocker-unsent"); got != "1 check-in on this phone is still pending. Do not clear it: show it to an organizer." {
		t.Errorf("English revoked screen with one entry waiting says %q", got)
	}
	saveScreen(t, ctx, "revoked-one-360")
}
