package server

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// openProjector opens ts's projector as a display at 1920x1080.
func openProjector(t *testing.T, ts *testServer, f fixture) context.Context {
	t.Helper()
	ctx := newBrowser(t)
	consoleTail(t, ctx)
	steps(t, ctx, chromedp.EmulateViewport(1920, 1080), chromedp.Navigate(ts.URL+"/projector/#token="+f.Display))
	return ctx
}

// TestProjectorShowsTheVenues: the hub's projector shows the whole action
// with a row per venue (the standby's scans in its venue, a share's
// percentage beside it); a venue's projector shows its own hall, the
// network's total under it while linked and since when once its link is
// down, and its roll call frozen at its own hall's numbers. Every number
// at least 48 px at 1920x1080.
func TestProjectorShowsTheVenues(t *testing.T) {
	n := startVenueNet(t)
	n.scanAt(t, n.durham, "durham-proj-1", "Iglesia San José", 0)
	n.scanAt(t, n.durham, "durham-proj-2", "Iglesia San José", 1)
	n.scanAt(t, n.spare, "spare-proj-1", "Iglesia San José", 2)
	n.scanAt(t, n.spare, "spare-proj-2", "Centro El Puente", 0)
	n.scanAt(t, n.raleigh, "raleigh-proj-1", "Sindicato Local 12", 0)
	n.scanAt(t, n.hub, "hub-proj-001", "Sindicato Local 12", 1)
	if err := n.hub.Store().SetVenueShare(context.Background(), n.f.Action, "durham", 10); err != nil {
		t.Fatal(err)
	}

	hub := openProjector(t, n.hub, n.f)
	waitPage(t, hub, projTotal(6)+` && document.querySelectorAll('#venue-split li').length === 3 &&
		document.querySelector('#venue-split li[data-venue="durham"]').innerText.includes('4') &&
		document.querySelector('#venue-split li[data-venue="durham"]').innerText.includes('40')`,
		"the whole action's 6 and each venue's part, durham's 4 of its share of 10")
	saveScreen(t, hub, "hub-1920x1080")
	assertFits(t, hub, 1920, 1080)
	assertReadable(t, hub, "#total", "#venue-split .name", "#venue-split .present", "#venue-split .pct", "#chapters .present")

	durham := openProjector(t, n.durham, n.f)
	waitPage(t, durham, projTotal(4)+` && document.getElementById('present-label').textContent.includes('durham') &&
		!document.getElementById('network-line').classList.contains('hidden') &&
		document.getElementById('network-line').innerText.replace(/\D/g, '') === '6' &&
		document.getElementById('venue-split').classList.contains('hidden')`,
		"durham's own 4 and the network's 6 under it")
	saveScreen(t, durham, "durham-1920x1080")
	assertFits(t, durham, 1920, 1080)
	assertReadable(t, durham, "#total", "#network-line", "#chapters .present")
	steps(t, durham, chromedp.Click(chromedp.ID("lang")))
	waitPage(t, durham, `document.getElementById('network-line').innerText.startsWith('Network') &&
		document.getElementById('present-label').textContent.startsWith('Present at')`, "the venue's words in English")

	signInConsole(t, n.durham, n.f).must(t, 201, "POST", fmt.Sprintf("/api/actions/%d/credentials", n.f.Action), nil)
	steps(t, durham, chromedp.KeyEvent("c"), chromedp.KeyEvent(kb.End))
	waitPage(t, durham, `document.getElementById('creds-state').classList.contains('closed') &&
		document.getElementById('creds-venue').textContent.includes('durham') &&
		document.querySelector('#creds-foot .delegation')?.textContent === '4'`, "durham's roll call frozen at its hall's 4")
	saveScreen(t, durham, "durham-credentials-1920x1080")
	steps(t, durham, chromedp.KeyEvent("c"))

	n.hubNode.Close()
	waitPage(t, durham, `document.getElementById('network-line').classList.contains('hidden') &&
		document.getElementById('network-down').innerText.startsWith('no link to the network since')`,
		"since when the link is down")
	saveScreen(t, durham, "durham-unlinked-1920x1080")
}
