//go:build linux

package server

import (
	"fmt"
	"strings"
	"testing"
)

// TestWebKitScannerPairTypedWedgeAndUnknown is TestScannerBrowserWedgeAndRepeat
// in WebKit, on a phone paired as TestPairBrowserOrganizerToScannerAndRevoke
// pairs one: the pairing link lands on a working scanner; a typed code is
// green with the name and counts; the same code again is amber with the time
// and the door and does not count; an unknown code is red; a scanner typing
// while nothing has the focus is green; the English screen says amber in
// English.
func TestWebKitScannerPairTypedWedgeAndUnknown(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	wk := newWebKit(t)
	wk.navigate(ts.URL + "/")
	wk.resize(390, 844)
	wkPairPhone(t, wk, ts, f, "Puerta este")
	wk.screenshot("webkit-scanner-ready")
	code := f.Codes["Iglesia San José"][0]
	before := ts.presentTotal(t, f.Action, f.Door)

	wk.sendKeys("#code", code+wdEnter)
	wk.wait("a green answer", `document.getElementById('answer').dataset.kind === 'ok'`)
	if title := wkEval[string](wk, `document.querySelector('.answer-title').textContent`); !strings.Contains(title, "Líder 1 de Iglesia San José") {
		t.Errorf("green answer names %q; want the leader", title)
	}
	wk.screenshot("webkit-scanner-green")
	ts.waitTotal(t, f.Action, f.Door, before+1)

	wk.click("#answer")
	wk.sendKeys("#code", strings.ToLower(code[:8])+"-"+code[8:]+wdEnter)
	wk.wait("an amber answer", `document.getElementById('answer').dataset.kind === 'warn'`)
	detail := wkEval[string](wk, `document.querySelector('.answer-detail').textContent`)
	if !strings.Contains(detail, "Ya entró a las") || !strings.Contains(detail, "Puerta este") {
		t.Errorf("amber answer says %q; want when and which door", detail)
	}
	wk.screenshot("webkit-scanner-amber")
	wkWaitOutbox(wk)
	if got := ts.presentTotal(t, f.Action, f.Door); got != before+1 {
		t.Errorf("turnout after a repeat = %d, want %d", got, before+1)
	}

	wk.click("#answer")
	wk.sendKeys("#code", "ZZZZ-ZZZZ-ZZZZ-ZZZZ"+wdEnter)
	wk.wait("a red answer", `document.getElementById('answer').dataset.kind === 'bad'`)
	if title := wkEval[string](wk, `document.querySelector('.answer-title').textContent`); title != "Gafete no reconocido" {
		t.Errorf("red answer says %q, want Gafete no reconocido", title)
	}
	wk.screenshot("webkit-scanner-red")
	wkWaitOutbox(wk)
	if got := ts.presentTotal(t, f.Action, f.Door); got != before+1 {
		t.Errorf("turnout after an unknown code = %d, want %d", got, before+1)
	}

	// A scanner typing while nothing has the focus, then the English screen.
	other := f.Codes["Iglesia San José"][1]
	wk.click("#answer")
	wkEval[any](wk, `document.activeElement.blur()`)
	wk.typeKeys(other + wdEnter)
	wk.wait("a green answer for keys typed outside the field", `document.getElementById('answer').dataset.kind === 'ok'`)
	ts.waitTotal(t, f.Action, f.Door, before+2)
	wk.click("#answer")
	wk.click("#lang")
	wk.sendKeys("#code", other+wdEnter)
	wk.wait("an amber answer in English", `document.getElementById('answer').dataset.kind === 'warn'`)
	if detail := wkEval[string](wk, `document.querySelector('.answer-detail').textContent`); !strings.HasPrefix(detail, "Already checked in at") {
		t.Errorf("English amber answer says %q", detail)
	}
	wk.screenshot("webkit-scanner-amber-en")
}

// wkPairPhone pairs the browser as a new door the way a phone does: an
// organizer creates a pairing, the phone opens its link, claims it and lands
// on the scanner with the roster loaded and nothing left in the address bar.
func wkPairPhone(t *testing.T, wk *wkSession, ts *testServer, f fixture, door string) {
	t.Helper()
	body := signInConsole(t, ts, f).must(t, 201, "POST", fmt.Sprintf("/api/actions/%d/pairings", f.Action), map[string]string{"name": door})
	code := decodeJSON[struct{ Code string }](t, body).Code
	wk.navigate(ts.URL + "/pair/#code=" + code)
	wk.wait("the scanner after pairing",
		`location.pathname === '/door/' && window.presenteScanner && window.presenteScanner.roster.size > 0 && window.presenteScanner.live`)
	if name := wkEval[string](wk, `document.getElementById('door-name').textContent`); name != door {
		t.Errorf("paired scanner says it is %q, want %s", name, door)
	}
	if h := wkEval[string](wk, `location.hash`); h != "" {
		t.Errorf("the token or code stays in the address bar: %q", h)
	}
}

// wkWaitOutbox waits until the scanner has sent everything it queued.
func wkWaitOutbox(wk *wkSession) {
	wk.tb.Helper()
	wk.wait("the outbox to drain",
		`window.presenteScanner.sync.running === false && document.getElementById('unsent').dataset.count === '0'`)
}
