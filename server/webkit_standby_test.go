//go:build linux

package server

import (
	"fmt"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"presente/server/lan"
)

// serveHTTPS serves ts over HTTPS with its own self-signed certificate, as
// phones open a node, at origin ("" for a new loopback address), and
// returns that origin.
func serveHTTPS(tb testing.TB, ts *testServer, origin string) string {
	tb.Helper()
	addr := strings.TrimPrefix(origin, "https://")
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	var ln net.Listener
	var err error
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if ln, err = net.Listen("tcp", addr); err == nil {
			break
		}
		if time.Now().After(deadline) {
			tb.Fatalf("listen for HTTPS on %s: %v", addr, err)
		}
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	go ts.ServeTLS(ln, nodeCert(tb, ts), lan.Site{HTTPSPort: port, Hosts: []string{"127.0.0.1"}})
	return "https://" + ln.Addr().String()
}

// wkScanAt scans codes one by one, each to its green answer tapped away,
// and waits until none is unsent.
func wkScanAt(wk *wkSession, codes []string) {
	wk.tb.Helper()
	for _, code := range codes {
		wkDoorScan(wk, code, "ok")
		wkDismissAnswer(wk)
	}
	wk.wait("every scan acknowledged", `document.getElementById('unsent').dataset.count === '0'`)
}

// TestWebKitDoorFailsOverToTheStandby is TestDoorFailsOverToTheStandby in
// WebKit, over HTTPS as phones use it: the primary and the standby each
// with its own self-signed certificate, at two origins. WebKit's
// WebDriver session accepts both certificates (acceptInsecureCerts), as a
// phone whose volunteer accepted each once ("Abrir el respaldo"); the
// scanner at the primary's origin then fetches from the standby's. The
// primary stops; the door's next scans go to the standby, which
// acknowledges them, and the scanner says "Enviando al respaldo"; the
// primary comes back, the door returns to it, and both nodes hold every
// scan once, by raw SQL.
func TestWebKitDoorFailsOverToTheStandby(t *testing.T) {
	vp, f := startVenuePairServed(t, serveHTTPS)
	wk := newWebKit(t)
	wkOpenDoor(wk, vp.primaryAt, f.Door)
	wk.resize(390, 844)
	wk.wait("the standby as the door's second address", `window.presenteScanner.venue.standbyURL() === '`+vp.standbyAt+`'`)
	// The door checks it reaches the standby across origins and says so
	// under the scanner when it does not: WebKit refusing the standby's
	// certificate on a cross-origin fetch would show here.
	wkEval[any](wk, `window.presenteScanner.venue.reach('`+vp.standbyAt+`').then((ok) => { window.reached = ok; }), null`)
	wk.wait("a look at the standby from the scanner", `window.reached !== undefined`)
	if !wkEval[bool](wk, `window.reached`) || !wkEval[bool](wk, `document.getElementById('standby-note').classList.contains('hidden')`) {
		t.Fatalf("WebKit does not reach the standby at %s from the primary's page at %s", vp.standbyAt, vp.primaryAt)
	}
	codes := slices.Concat(f.Codes["Iglesia San José"], f.Codes["Centro El Puente"], f.Codes["Sindicato Local 12"])
	atPrimary, atStandby, back := codes[0:3], codes[3:7], codes[7:9]
	wkScanAt(wk, atPrimary)

	vp.stopPrimary(t)
	wkScanAt(wk, atStandby)
	wk.wait("the door to say it sends to the standby", `document.getElementById('net').dataset.venue === 'standby'`)
	if label := wkEval[string](wk, `document.getElementById('net-label').textContent`); label != "Enviando al respaldo" {
		t.Errorf("the status says %q, want Enviando al respaldo", label)
	}
	if online := wkEval[string](wk, `document.getElementById('net').dataset.online`); online != "true" {
		t.Errorf("the door says online=%s while the standby answers", online)
	}
	// The primary's scans may or may not have reached the standby before it
	// stopped; the door shows what the standby counts, its own 4 at least.
	if n := vp.standby.total(f.Action); n < len(atStandby) {
		t.Errorf("the standby counts %d, want at least its own %d", n, len(atStandby))
	} else {
		wk.wait("the standby's total on the door", fmt.Sprintf("%s === %d", totalShown, n))
	}
	wk.screenshot("standby")
	if m := missing(t, vp.standby, f.Action, atStandby); m != "" && !strings.Contains(m, "counted, want") {
		t.Errorf("the standby does not hold the scans it acknowledged: %s", m)
	}

	vp.restartPrimary(t)
	wk.wait("the door to go back to the primary", `document.getElementById('net').dataset.venue === 'primary'`)
	wkScanAt(wk, back)
	all := codes[0:9]
	for deadline := time.Now().Add(45 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		p, s := missing(t, vp.primary, f.Action, all), missing(t, vp.standby, f.Action, all)
		if p == "" && s == "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the primary came back, at the primary: %s; at the standby: %s", p, s)
		}
	}
}

// TestWebKitDoorSaysWhenTheStandbysCertificateIsNotAccepted: in a WebKit
// session that accepts no certificate it cannot verify, the scanner
// (opened at a secure origin: loopback) cannot fetch from a standby whose
// self-signed certificate this browser never accepted: WebKit refuses the
// connection, the page sees only "TypeError: Load failed", and a fetch
// cannot ask the volunteer to accept a certificate. The
// scanner says so under the scanner, with the link that opens the
// standby's page once ("Abrir el respaldo").
func TestWebKitDoorSaysWhenTheStandbysCertificateIsNotAccepted(t *testing.T) {
	served := 0
	vp, f := startVenuePairServed(t, func(tb testing.TB, ts *testServer, origin string) string {
		if served++; served == 1 {
			return ts.URL // the primary, where the page opens: a plain loopback origin
		}
		return serveHTTPS(tb, ts, origin)
	})
	wk := newWebKitStrict(t)
	wkOpenDoor(wk, vp.primaryAt, f.Door)
	wk.wait("the standby as the door's second address", `window.presenteScanner.venue.standbyURL() === '`+vp.standbyAt+`'`)
	wkEval[any](wk, `window.presenteScanner.venue.reach('`+vp.standbyAt+`').then((ok) => { window.reached = ok; }), null`)
	wk.wait("a look at the standby from the scanner", `window.reached !== undefined`)
	if wkEval[bool](wk, `window.reached`) {
		t.Fatalf("WebKit fetched from %s, whose certificate it never accepted", vp.standbyAt)
	}
	wk.wait("the note that the standby is out of reach", `!document.getElementById('standby-note').classList.contains('hidden')`)
	wk.screenshot("standby-not-accepted")
}
