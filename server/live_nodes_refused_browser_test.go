package server

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"presente/server/peer"
)

// TestLiveBrowserNodesRefused: a venue the hub revoked sees its link to the
// hub refused, not merely down, in /api/nodes and in its organizers' live
// view, with what to do about it, in Spanish and English.
func TestLiveBrowserNodesRefused(t *testing.T) {
	hub := newTestServer(t)
	f := hub.seed(t)
	venue := startTestServer(t, copyData(t, hub))
	_, link := startHubNode(t, hub)
	startNode(t, venue, peer.Config{Name: link.Name, Dir: filepath.Join(venue.Dir, "nats"), Join: &link})
	c := signInConsole(t, venue, f)
	parent := func() (up, refused bool) {
		var got struct {
			Links []struct {
				Role        string
				Up, Refused bool
			}
		}
		json.Unmarshal(c.must(t, 200, "GET", "/api/nodes", nil), &got)
		for _, l := range got.Links {
			if l.Role == "parent" {
				return l.Up, l.Refused
			}
		}
		return false, false
	}
	waitFor(t, 20*time.Second, "the venue's link to the hub up", func() bool { up, _ := parent(); return up })
	if err := hub.Store().RevokePeer(t.Context(), link.Name); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 20*time.Second, "the venue's link refused", func() bool {
		up, refused := parent()
		return !up && refused
	})
	ctx := newBrowser(t)
	consoleTail(t, ctx)
	steps(t, ctx,
		chromedp.Navigate(fmt.Sprintf("%s/live/?action=%d", venue.URL, f.Action)),
		chromedp.WaitVisible(chromedp.CSS("#signin-form")),
		chromedp.SendKeys(chromedp.CSS("#name"), f.Organizer),
		chromedp.SendKeys(chromedp.CSS("#password"), f.Password),
		chromedp.Click(chromedp.CSS("#signin-submit")))
	waitPage(t, ctx, `document.getElementById('nodes').innerText.includes('Rechazado desde') &&
		document.getElementById('nodes').innerText.includes('enlace nuevo')`, "the link refused, in Spanish")
	steps(t, ctx, chromedp.Click(chromedp.ID("lang")))
	waitPage(t, ctx, `document.getElementById('nodes').innerText.includes('Refused since') &&
		document.getElementById('nodes').innerText.includes('new link')`, "the link refused, in English")
}
