package server

import (
	"net"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestPairBrowserReachAndHint: the doors page says no phone has reached
// this computer over HTTPS yet; a pairing QR left unclaimed for a minute
// blames the network; once a phone (127.0.0.2) reached HTTPS, the page says
// so and the hint turns to the phone.
func TestPairBrowserReachAndHint(t *testing.T) {
	s := serveTLSAndPlain(t)
	f := s.seed(t)
	org := newBrowser(t)
	consoleTail(t, org)
	steps(t, org, chromedp.Navigate(s.plainURL+"/pair/doors.html"),
		chromedp.SendKeys(chromedp.ID("signin-name"), f.Organizer),
		chromedp.SendKeys(chromedp.ID("signin-password"), f.Password+kb.Enter))
	reach := `document.getElementById('reach-text').textContent`
	waitPage(t, org, reach+`.includes('Ningún teléfono') && `+reach+`.includes('https://192.0.2.10:`+s.port+`/')`, "no phone over HTTPS yet")

	steps(t, org, chromedp.SendKeys(chromedp.ID("door-name"), "Puerta oeste"), chromedp.Click(chromedp.ID("door-create")))
	waitPage(t, org, `document.getElementById('qr-link').textContent.includes('/pair/#code=')`, "the pairing QR")
	if pageEval[bool](t, org, `!document.getElementById('qr-hint').classList.contains('hidden')`) {
		t.Errorf("the hint shows before a minute passed")
	}
	// A minute passes: the page's clock moves on, the QR stays unclaimed.
	pageEval[bool](t, org, `(() => { const real = Date.now.bind(Date); Date.now = () => real() + 61000; return true; })()`)
	hint := `document.getElementById('qr-hint')`
	waitPage(t, org, `!`+hint+`.classList.contains('hidden') && `+hint+`.textContent.includes('casi siempre es la red')`, "the network hint")
	saveShot(t, org, "qr-hint-network")

	plainGet(t, httpsFrom(s.roots, net.IPv4(127, 0, 0, 2)), "GET", s.httpsURL+"/door/")
	waitPage(t, org, hint+`.textContent.includes('Otros teléfonos sí llegaron')`, "the hint to turn to the phone")
	steps(t, org, chromedp.Click(chromedp.ID("qr-close")))
	waitPage(t, org, reach+`.includes('✓') && `+reach+`.includes('(1 en total)')`, "the page to see a phone over HTTPS")
	if !pageEval[bool](t, org, hint+`.classList.contains('hidden')`) {
		t.Errorf("the hint stays after the QR closed")
	}
}
