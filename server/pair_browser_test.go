package server

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestPairBrowserOrganizerToScannerAndRevoke: an organizer signs in on the
// doors page, creates a door and shows its QR; a phone opens the link and
// lands on a working scanner; the doors page shows the phone's contact and
// scan; the organizer revokes the door and the phone is refused at its next
// request. The link works once.
func TestPairBrowserOrganizerToScannerAndRevoke(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	org := newBrowser(t)
	consoleTail(t, org)
	steps(t, org, chromedp.Navigate(ts.URL+"/pair/doors.html"),
		chromedp.SendKeys(chromedp.ID("signin-name"), f.Organizer),
		chromedp.SendKeys(chromedp.ID("signin-password"), f.Password+kb.Enter))
	waitPage(t, org, `document.querySelectorAll('#door-list .door').length >= 2`, "the doors list")
	steps(t, org, chromedp.SendKeys(chromedp.ID("door-name"), "Puerta este"), chromedp.Click(chromedp.ID("door-create")))
	waitPage(t, org, `document.getElementById('qr-link').textContent.includes('/pair/#code=')`, "the pairing QR")
	link := pageEval[string](t, org, `document.getElementById('qr-link').textContent`)
	if qr := pageEval[string](t, org, `document.getElementById('qr-img').src`); !strings.HasPrefix(qr, "data:image/png;base64,") {
		t.Errorf("pairing QR image is %.40q; want a PNG", qr)
	}
	saveShot(t, org, "qr")

	ph := newPhone(t)
	steps(t, ph, chromedp.Navigate(link))
	waitPage(t, ph, `location.pathname === '/door/' && window.presenteScanner && window.presenteScanner.roster.size > 0 && window.presenteScanner.live`, "the scanner after pairing")
	if name := pageEval[string](t, ph, `document.getElementById('door-name').textContent`); name != "Puerta este" {
		t.Errorf("paired scanner says it is %q, want Puerta este", name)
	}
	if h := pageEval[string](t, ph, `location.hash`); h != "" {
		t.Errorf("the token or code stays in the address bar: %q", h)
	}
	before := ts.presentTotal(t, f.Action, f.Door)
	steps(t, ph, chromedp.SendKeys(chromedp.ID("code"), f.Codes["Sindicato Local 12"][0]+kb.Enter))
	ts.waitTotal(t, f.Action, f.Door, before+1)

	waitPage(t, org, `!document.getElementById('qr-paired').classList.contains('hidden')`, "the organizer to see the pairing")
	steps(t, org, chromedp.Click(chromedp.ID("qr-close")))
	card := `document.querySelector('#door-list .door:last-child')`
	waitPage(t, org, card+`.textContent.includes('Activa') && `+card+`.textContent.includes('Registros: 1')`, "the door live with one check-in")
	saveShot(t, org, "doors")

	// The link is spent.
	code := link[strings.Index(link, "#code=")+len("#code="):]
	if status, body := ts.call(t, "POST", "/pair/claim", "", fmt.Sprintf(`{"code":%q}`, code)); status != 410 || errCode(body) != "pairing_used" {
		t.Errorf("second claim: %d %s, want 410 pairing_used", status, body)
	}

	steps(t, org, chromedp.Click(chromedp.CSS("#door-list .door:last-child .revoke")),
		chromedp.Click(chromedp.CSS("#door-list .door:last-child .revoke")))
	waitPage(t, org, card+`.textContent.includes('Ya no tiene acceso')`, "the door to show it no longer has access")
	steps(t, ph, chromedp.SendKeys(chromedp.ID("code"), f.Codes["Sindicato Local 12"][1]+kb.Enter))
	waitPage(t, ph, `document.getElementById('blocker').dataset.kind === 'revoked'`, "the phone to be told it was revoked")
	saveShot(t, ph, "revoked")
	if got := ts.presentTotal(t, f.Action, f.Door); got != before+1 {
		t.Errorf("a revoked door's scan counted: turnout %d, want %d", got, before+1)
	}
	if text := pageEval[string](t, ph, `document.getElementById('blocker-unsent').textContent`); !strings.Contains(text, "1") {
		t.Errorf("the revoked screen does not say one scan stayed unsent: %q", text)
	}
}
