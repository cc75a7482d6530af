package server

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestNetworkGuideInBrowser: the venue network guide opens without signing
// in, in Spanish and in English, with the address phones open.
func TestNetworkGuideInBrowser(t *testing.T) {
	s := serveTLSAndPlain(t)
	ctx := newBrowser(t)
	consoleTail(t, ctx)
	steps(t, ctx, chromedp.Navigate(s.plainURL+"/console/network.html"))
	waitPage(t, ctx, `document.getElementById('phones-url').textContent === 'https://192.0.2.10:`+s.port+`/'`, "the phones' address")
	es := pageEval[string](t, ctx, `document.getElementById('main').innerText`)
	for _, want := range []string{"La red del lugar", "Zona con cobertura inalámbrica móvil", "router de viaje", "Permitir acceso", "presente doctor"} {
		if !strings.Contains(es, want) {
			t.Errorf("the Spanish guide lacks %q", want)
		}
	}
	steps(t, ctx, chromedp.Click(chromedp.CSS("#top .tools button")))
	waitPage(t, ctx, `document.querySelector('h1').textContent === 'The venue network'`, "the English guide")
	en := pageEval[string](t, ctx, `document.getElementById('main').innerText`)
	for _, want := range []string{"Mobile hotspot", "Internet Sharing", "travel router", "Allow access", "Private networks"} {
		if !strings.Contains(en, want) {
			t.Errorf("the English guide lacks %q", want)
		}
	}
	saveShot(t, ctx, "network-guide")
}
