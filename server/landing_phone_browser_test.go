package server

import (
	"fmt"
	"net"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"presente/server/lan"
)

// visibleBox is an element's box when it shows, null when it does not.
const visibleBox = `((el) => { if (!el || el.getClientRects().length === 0) return null;
	const r = el.getBoundingClientRect(); return { w: r.width, h: r.height }; })(document.querySelector(%q))`

type box struct{ W, H float64 }

// TestLandingOnPhoneOpensSecureAddress: a phone that opens the plain-HTTP
// address gets one big button to the secure address, not a QR to scan with
// itself; a laptop's screen still shows the QR for the phones around it.
func TestLandingOnPhoneOpensSecureAddress(t *testing.T) {
	ts := newTestServer(t)
	cert := testCertificate(t)
	tlsLn, _ := net.Listen("tcp", "127.0.0.1:0")
	plainLn, _ := net.Listen("tcp", "127.0.0.1:0")
	_, port, _ := net.SplitHostPort(tlsLn.Addr().String())
	site := lan.Site{HTTPSPort: port, Hosts: []string{"192.0.2.10"}, Fingerprint: cert.Fingerprint}
	go ts.ServeTLS(tlsLn, cert, site)
	go ts.servePlain(plainLn, site, func(net.Addr) bool { return false })
	want := "https://192.0.2.10:" + port + "/"

	ctx := newPhone(t)
	atWidth(t, ctx, 390)
	steps(t, ctx, chromedp.Navigate("http://"+plainLn.Addr().String()+"/"))
	waitPage(t, ctx, `document.getElementById('open-secure') && document.getElementById('open-secure').href === `+jsString(want), "the button to the secure address")
	if got := textOf(t, ctx, "#open-secure"); got != "Abrir la dirección segura" {
		t.Errorf("the phone's button says %q, want Abrir la dirección segura", got)
	}
	b := pageEval[*box](t, ctx, fmt.Sprintf(visibleBox, "#open-secure"))
	if b == nil || b.H < 56 || b.W < 0.8*390 {
		t.Errorf("the secure address button is %+v; want one big button across the phone", b)
	}
	if qr := pageEval[*box](t, ctx, fmt.Sprintf(visibleBox, "#https-qr")); qr != nil {
		t.Errorf("the phone is shown a QR to scan with itself (%+v)", qr)
	}
	if h := textOf(t, ctx, ".phones h2"); !strings.HasSuffix(h, "abra la dirección segura") {
		t.Errorf("heading says %q; want \"…: abra la dirección segura\"", h)
	}
	saveShot(t, ctx, "landing-phone-390")
	atWidth(t, ctx, 360)
	saveShot(t, ctx, "landing-phone-360")

	laptop := newBrowser(t, chromedp.WindowSize(1366, 768))
	steps(t, laptop, chromedp.Navigate("http://"+plainLn.Addr().String()+"/"))
	waitPage(t, laptop, `document.getElementById('https-qr').naturalWidth > 0 && document.getElementById('https-url').textContent.length > 0`, "the QR on a laptop")
	if qr := pageEval[*box](t, laptop, fmt.Sprintf(visibleBox, "#https-qr")); qr == nil || qr.W < 150 {
		t.Errorf("a laptop's landing page shows no QR for the phones: %+v", qr)
	}
	saveShot(t, laptop, "landing-laptop-1366")
}
