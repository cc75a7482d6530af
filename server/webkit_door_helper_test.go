//go:build linux

package server

import "time"

// The door's steps in WebKit, as door_review_helper_test.go takes them in
// Chromium: open the scanner with a door token, scan, tap the answer away,
// and wait for what a tap queued to reach the server.

// wkOpenDoor opens the scanner with a door token, as openDoor does, and
// waits for its roster and its buttons.
func wkOpenDoor(wk *wkSession, base, token string) {
	wk.tb.Helper()
	wk.navigate(base + "/door/#token=" + token)
	wk.wait("the roster to load", `window.presenteScanner && window.presenteScanner.roster.size > 0 && window.presenteScanner.live`)
	wk.wait("the scanner's buttons", `window.presenteScanner.panels && window.presenteScanner.live`)
}

// wkDoorScan types a code and Enter into the code field and waits for the
// answer of kind, as doorScan does.
func wkDoorScan(wk *wkSession, code, kind string) {
	wk.tb.Helper()
	wk.sendKeys("#code", code+wdEnter)
	wk.wait("a "+kind+" answer to "+code, answerShowing(kind))
}

// wkDismissAnswer taps the answer away, as dismissAnswer does.
func wkDismissAnswer(wk *wkSession) {
	wk.tb.Helper()
	wk.click("#answer .answer-title")
	wk.wait("the answer to go", `document.getElementById('answer').classList.contains('hidden')`)
}

// wkSettle waits, as settle does, long enough for the phone to write what a
// tap queued to its outbox, then until the outbox drains.
func wkSettle(wk *wkSession) {
	wk.tb.Helper()
	time.Sleep(500 * time.Millisecond)
	wkWaitOutbox(wk)
}
