package server

import (
	"net"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"presente/server/lan"
)

// TestLandingPageInBrowser proves the browser harness end to end: the real
// server serves its embedded page to a real Chromium.
func TestLandingPageInBrowser(t *testing.T) {
	ts := newTestServer(t)
	ctx := newBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/")); err != nil {
		t.Fatalf("load landing page: %v", err)
	}
	title, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil {
		t.Fatalf("title: %v", err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	if err != nil {
		t.Fatalf("text: %v", err)
	}
	if title != "Presente" || !strings.Contains(text, "funcionando") {
		t.Errorf("landing page: title %q, text %q; want Presente and a Spanish status", title, text)
	}
}

// TestTLSLandingBrowser: what a phone on the LAN sees over plain HTTP (the
// HTTPS address as text and QR, the steps for Android and iPhone, in Spanish
// and English), and what it sees once it comes over HTTPS.
func TestTLSLandingBrowser(t *testing.T) {
	ts := newTestServer(t)
	cert := testCertificate(t)
	tlsLn, _ := net.Listen("tcp", "127.0.0.1:0")
	plainLn, _ := net.Listen("tcp", "127.0.0.1:0")
	_, port, _ := net.SplitHostPort(tlsLn.Addr().String())
	site := lan.Site{HTTPSPort: port, Hosts: []string{"192.0.2.10"}, Fingerprint: cert.Fingerprint}
	go ts.ServeTLS(tlsLn, cert, site)
	go ts.servePlain(plainLn, site, func(net.Addr) bool { return false }) // every browser is "another machine"

	ctx := newPhone(t, chromedp.Flag("ignore-certificate-errors", true))
	steps(t, ctx, chromedp.Navigate("http://"+plainLn.Addr().String()+"/"))
	waitPage(t, ctx, `document.getElementById('https-url').textContent.length > 0 && document.getElementById('https-qr').naturalWidth > 0`, "the HTTPS address and its QR")
	if url := pageEval[string](t, ctx, `document.getElementById('https-url').textContent`); url != "https://192.0.2.10:"+port+"/" {
		t.Errorf("landing shows %q, want the HTTPS LAN address", url)
	}
	text := pageEval[string](t, ctx, `document.querySelector('main').innerText`)
	for _, want := range []string{"Configuración avanzada", "Mostrar detalles", "funcionando"} {
		if !strings.Contains(text, want) {
			t.Errorf("Spanish landing lacks %q", want)
		}
	}
	if n := pageEval[int](t, ctx, `[...document.querySelectorAll('.platform img')].filter((i) => i.naturalWidth > 0).length`); n != 4 {
		t.Errorf("%d of 4 step pictures loaded", n)
	}
	saveShot(t, ctx, "lan-es")
	steps(t, ctx, chromedp.Click(chromedp.ID("lang")))
	if text := pageEval[string](t, ctx, `document.querySelector('main').innerText`); !strings.Contains(text, "Show Details") || !strings.Contains(text, "Proceed") {
		t.Errorf("English landing: %.200q", text)
	}
	saveShot(t, ctx, "lan-en")

	steps(t, ctx, chromedp.Navigate("https://"+tlsLn.Addr().String()+"/"))
	waitPage(t, ctx, `!document.getElementById('secure').classList.contains('hidden')`, "the secure-connection notice over HTTPS")
	saveShot(t, ctx, "https")
}
