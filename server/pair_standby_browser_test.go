package server

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPairingOpensTheStandbyOnce: at a venue with a standby, a phone that
// claims a pairing QR is offered to open the standby once; there the
// standby checks it knows the door and leads back to the scanner at the
// primary, which then reaches the standby. With the standby gone, the
// scanner says it cannot reach it, with the link that fixes it.
func TestPairingOpensTheStandbyOnce(t *testing.T) {
	vp, f := startVenuePair(t)
	st := vp.primary.Store()
	door, _, err := st.CreateDoor(context.Background(), f.Action, "Puerta este")
	if err != nil {
		t.Fatal(err)
	}
	p, err := st.CreatePairing(context.Background(), f.Action, door.ID)
	if err != nil {
		t.Fatal(err)
	}
	ph := newPhone(t)
	steps(t, ph, chromedp.Navigate(vp.primary.URL+"/pair/#code="+p.Code))
	waitPage(t, ph, `!document.getElementById('pair-standby').classList.contains('hidden')`, "the offer to open the standby")
	atWidth(t, ph, 360)
	saveScreen(t, ph, "pair-360")
	if path := pageEval[string](t, ph, `location.pathname`); path != "/pair/" {
		t.Fatalf("the pairing page left for %s before the standby was offered", path)
	}
	steps(t, ph, chromedp.Click(chromedp.ID("pair-standby-open")))
	waitPage(t, ph, `location.origin === '`+vp.standby.URL+`' && !document.getElementById('standby-back').classList.contains('hidden')`,
		"the standby to know the door and lead back")
	if h := pageEval[string](t, ph, `location.hash`); h != "" {
		t.Errorf("the token stays in the standby's address bar: %q", h)
	}
	if text := pageEval[string](t, ph, `document.getElementById('standby-status').textContent`); !strings.Contains(text, "Puerta este") {
		t.Errorf("the standby page says %q, want the door's name", text)
	}
	saveScreen(t, ph, "standby-page-360")
	steps(t, ph, chromedp.Click(chromedp.ID("standby-back")))
	waitPage(t, ph, `location.origin === '`+vp.primary.URL+`' && window.presenteScanner && window.presenteScanner.roster.size > 0 && window.presenteScanner.live`,
		"the scanner at the primary")
	waitPage(t, ph, `window.presenteScanner.venue.standbyURL() === '`+vp.standby.URL+`'`, "the scanner to know the standby")
	waitPage(t, ph, `document.getElementById('standby-note').classList.contains('hidden')`, "no warning: the standby is reachable")

	vp.standby.stop(t)
	steps(t, ph, chromedp.Reload())
	waitPage(t, ph, `!document.getElementById('standby-note').classList.contains('hidden')`, "the scanner to say it cannot reach the standby")
	if href := pageEval[string](t, ph, `document.getElementById('standby-accept').href`); !strings.HasPrefix(href, vp.standby.URL+"/pair/standby.html#token=door_") {
		t.Errorf("the fix links to %q, want the standby's page with the door's token", href)
	}
	saveScreen(t, ph, "unreachable-360")
}
