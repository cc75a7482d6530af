package server

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestPairWindowWarnsOfCertificate: the laptop's pairing window tells the
// organizer what the phone is about to show (a warning that the connection
// is not private) with the two taps that accept it, for Android and iPhone,
// and the whole window, QR and "Cerrar" included, fits a 1366×768 screen.
func TestPairWindowWarnsOfCertificate(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	org := newBrowser(t, chromedp.WindowSize(1366, 768))
	consoleTail(t, org)
	steps(t, org, chromedp.EmulateViewport(1366, 768), chromedp.Navigate(ts.URL+"/pair/doors.html"),
		chromedp.SendKeys(chromedp.ID("signin-name"), f.Organizer),
		chromedp.SendKeys(chromedp.ID("signin-password"), f.Password+kb.Enter))
	waitPage(t, org, `document.querySelectorAll('#door-list .door').length >= 2`, "the doors list")
	steps(t, org, chromedp.SendKeys(chromedp.ID("door-name"), "Puerta norte 2"), chromedp.Click(chromedp.ID("door-create")))
	waitPage(t, org, `document.getElementById('qr-img').naturalWidth > 0`, "the pairing QR")
	waitPage(t, org, `[...document.querySelectorAll('#qr-modal .cert-steps img')].filter((i) => i.naturalWidth > 0).length === 4`, "the four pictures of the two taps")

	text := textOf(t, org, "#qr-modal")
	for _, want := range []string{"no es privada", "Configuración avanzada", "Mostrar detalles", "Cerrar", "código QR para conectar"} {
		if !strings.Contains(text, want) {
			t.Errorf("pairing window lacks %q: %.300q", want, text)
		}
	}
	fits := pageEval[bool](t, org, `[...document.querySelectorAll('#qr-img, #qr-close, #qr-modal .cert-steps img')].every((el) => {
		const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth; })`)
	if !fits {
		t.Errorf("the QR, the pictures and Cerrar do not all fit a 1366×768 screen")
	}
	if qr := pageEval[float64](t, org, `document.getElementById('qr-img').getBoundingClientRect().width`); qr < 260 {
		t.Errorf("the QR is %.0f px wide; a phone across the table needs a bigger one", qr)
	}
	saveShot(t, org, "pair-qr-1366")
}
