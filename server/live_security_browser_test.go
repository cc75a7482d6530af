package server

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestLiveBrowserDisplaysAndSecurity: the organizers' live view lists the
// action's display links with a revoke button (pressed twice) and the
// security log's last events.
func TestLiveBrowserDisplaysAndSecurity(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	signInAs(t, ts, "127.0.0.7", f.Organizer, "not the password")
	ctx := newBrowser(t)
	consoleTail(t, ctx)
	steps(t, ctx,
		chromedp.Navigate(fmt.Sprintf("%s/live/?action=%d", ts.URL, f.Action)),
		chromedp.WaitVisible(chromedp.CSS("#signin-form")),
		chromedp.SendKeys(chromedp.CSS("#name"), f.Organizer),
		chromedp.SendKeys(chromedp.CSS("#password"), f.Password),
		chromedp.Click(chromedp.CSS("#signin-submit")))
	waitPage(t, ctx, `!document.getElementById('security-panel').classList.contains('hidden') &&
		document.getElementById('security').innerText.includes('127.0.0.7') &&
		document.getElementById('security').innerText.includes('Inicio de sesión fallido')`, "the failed sign-in in the security panel")
	waitPage(t, ctx, `document.querySelectorAll('#displays tbody tr').length === 1 &&
		document.getElementById('displays').innerText.includes('Activa')`, "the fixture's display, active")
	saveShot(t, ctx, "live-displays-security")
	steps(t, ctx, chromedp.Click(chromedp.CSS("#displays tbody button")))
	waitPage(t, ctx, `document.querySelector('#displays tbody button').textContent.includes('Presione otra vez')`, "the armed revoke button")
	steps(t, ctx, chromedp.Click(chromedp.CSS("#displays tbody button")))
	waitPage(t, ctx, `document.getElementById('displays').innerText.includes('Sin acceso desde') &&
		!document.querySelector('#displays tbody button')`, "the display shown revoked")
	if st, body := ts.call(t, "GET", fmt.Sprintf("/api/actions/%d/turnout", f.Action), f.Display, nil); st != http.StatusUnauthorized {
		t.Errorf("the revoked display's token = %d %s, want 401", st, body)
	}
	steps(t, ctx, chromedp.Click(chromedp.ID("lang")))
	waitPage(t, ctx, `document.getElementById('security').innerText.includes('Failed sign-in') &&
		document.getElementById('displays').innerText.includes('No access since')`, "both panels in English")
}
