package server

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"presente/server/peer"
)

// TestLiveBrowserNodes: at a hub, the organizers' live view shows the venue
// that joined, its link up, and the action's turnout by venue; a single
// node shows no such panel (TestLiveBrowserDisplaysAndSecurity's server).
func TestLiveBrowserNodes(t *testing.T) {
	hub := newTestServer(t)
	f := hub.seed(t)
	venue := startTestServer(t, copyData(t, hub))
	_, link := startHubNode(t, hub)
	startNode(t, venue, peer.Config{Name: link.Name, Dir: filepath.Join(venue.Dir, "nats"), Join: &link})
	code := f.Codes["Centro El Puente"][0]
	if st, body := venue.call(t, "POST", fmt.Sprintf("/api/actions/%d/checkins", f.Action), f.Door,
		map[string]string{"id": "venue-live-1", "code": code}); st != 201 {
		t.Fatalf("check-in at the venue = %d %s", st, body)
	}
	ctx := newBrowser(t)
	consoleTail(t, ctx)
	steps(t, ctx,
		chromedp.Navigate(fmt.Sprintf("%s/live/?action=%d", hub.URL, f.Action)),
		chromedp.WaitVisible(chromedp.CSS("#signin-form")),
		chromedp.SendKeys(chromedp.CSS("#name"), f.Organizer),
		chromedp.SendKeys(chromedp.CSS("#password"), f.Password),
		chromedp.Click(chromedp.CSS("#signin-submit")))
	waitPage(t, ctx, `!document.getElementById('nodes-panel').classList.contains('hidden') &&
		document.getElementById('nodes-self').innerText.includes('hub') &&
		document.getElementById('nodes').innerText.includes('venue') &&
		document.getElementById('nodes').innerText.includes('Conectada desde') &&
		document.getElementById('venues').innerText.includes('venue')`, "the venue's link up and its part of the turnout")
	saveShot(t, ctx, "live-nodes")
	steps(t, ctx, chromedp.Click(chromedp.ID("lang")))
	waitPage(t, ctx, `document.getElementById('nodes').innerText.includes('Connected since')`, "the panel in English")
}
