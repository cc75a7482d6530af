package server

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

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

// chartSum adds up the bars of the projector's arrivals chart.
const chartSum = `[...document.querySelectorAll('#chart rect.bar')].reduce((n, r) => n + Number(r.dataset.count), 0)`

// chips are the names on the projector's latest arrivals.
const chips = `[...document.querySelectorAll('#recent li:not(.waiting) span')].map(s => s.textContent).join('|')`

// TestProjectorShowsItsHallsArrivals: a venue's projector draws its own
// hall's arrivals (its standby's among them) in the arrivals chart and the
// latest arrivals, those it found on opening and those that come live;
// the hub's shows the whole action's.
func TestProjectorShowsItsHallsArrivals(t *testing.T) {
	n := startVenueNet(t)
	n.scanAt(t, n.durham, "durham-arr-1", "Iglesia San José", 0)
	n.scanAt(t, n.spare, "spare-arr-1", "Iglesia San José", 1)
	n.scanAt(t, n.raleigh, "raleigh-arr-1", "Sindicato Local 12", 0)
	n.scanAt(t, n.hub, "hub-arr-0001", "Sindicato Local 12", 1)
	waitFor(t, 30*time.Second, "durham to hold the network's 4", func() bool { return n.durham.total(n.f.Action) == 4 })

	durham := openProjector(t, n.durham, n.f)
	waitPage(t, durham, projTotal(2)+` && `+chartSum+` === 2 && `+chips+` === 'Iglesia San José'`,
		"durham's 2 in its chart and its latest arrivals, none of the others'")
	n.scanAt(t, n.raleigh, "raleigh-arr-2", "Sindicato Local 12", 2)
	n.scanAt(t, n.spare, "spare-arr-2", "Centro El Puente", 0)
	waitFor(t, 30*time.Second, "durham to hold the network's 6", func() bool { return n.durham.total(n.f.Action) == 6 })
	waitPage(t, durham, chartSum+` === 3 && `+chips+` === 'Centro El Puente|Iglesia San José'`,
		"the standby's new arrival in durham's chart and latest arrivals, raleigh's not")
	time.Sleep(1500 * time.Millisecond) // a late redraw would show raleigh's arrival now
	if sum, names := pageEval[int](t, durham, chartSum), pageEval[string](t, durham, chips); sum != 3 || names != "Centro El Puente|Iglesia San José" {
		t.Errorf("durham's chart adds up to %d, its latest arrivals are %q; want 3 and its own hall's", sum, names)
	}
	saveScreen(t, durham, "durham-arrivals-1920x1080")
	assertFits(t, durham, 1920, 1080)

	hub := openProjector(t, n.hub, n.f)
	waitPage(t, hub, projTotal(6)+` && `+chips+` === 'Centro El Puente|Sindicato Local 12|Iglesia San José'`,
		"the whole action's latest arrivals at the hub")
	saveScreen(t, hub, "hub-arrivals-1920x1080")
	var whole struct{ Buckets []struct{ Count int } }
	if st, body := n.hub.call(t, "GET", fmt.Sprintf("/api/actions/%d/arrivals", n.f.Action), n.f.Display, nil); st != 200 ||
		json.Unmarshal(body, &whole) != nil {
		t.Fatalf("the hub's arrivals: %d %s", st, body)
	}
	sum := 0
	for _, b := range whole.Buckets {
		sum += b.Count
	}
	if sum != 6 {
		t.Errorf("the hub's arrivals = %+v, want the whole action's 6", whole.Buckets)
	}
}
