package server

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestScannerBrowserOffline: another door's check-in reaches the phone;
// with the server stopped, that leader is answered amber from the phone's
// roster and five new scans green; the counter shows them (5 and the
// repeat); the server comes back, the queue drains, and each is counted
// once, even when the first answers to the phone are lost on the way back.
func TestScannerBrowserOffline(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ctx := newPhone(t)
	openScanner(t, ctx, ts.URL, f.Door)
	// Another door checks a leader in; the news reaches this phone.
	elsewhere := f.Codes["Sindicato Local 12"][3]
	ts.call(t, "POST", fmt.Sprintf("/api/actions/%d/checkins", f.Action), f.Door2,
		map[string]string{"id": "other-door-1", "code": elsewhere})
	waitPage(t, ctx, `window.presenteScanner.roster.get('`+elsewhere+`').door === 'Puerta sur'`, "the other door's check-in on this phone")
	before := ts.presentTotal(t, f.Action, f.Door)
	ts.stop(t)

	codes := append(append([]string{}, f.Codes["Iglesia San José"][:3]...), f.Codes["Centro El Puente"][:2]...)
	for _, code := range codes {
		steps(t, ctx, chromedp.SendKeys(chromedp.ID("code"), code+kb.Enter))
		waitPage(t, ctx, `document.getElementById('answer').dataset.kind === 'ok'`, "a green answer from the roster")
		steps(t, ctx, chromedp.Click(chromedp.ID("answer")))
	}
	waitPage(t, ctx, `document.getElementById('unsent').dataset.count === '5'`, "the counter to show 5")
	waitPage(t, ctx, `document.getElementById('net').dataset.online === 'false'`, "the phone to say it is offline")
	if n := pageEval[string](t, ctx, `document.getElementById('unsent-n').textContent`); n != "5" {
		t.Errorf("unsent counter shows %q, want 5", n)
	}
	saveShot(t, ctx, "queued")
	steps(t, ctx, chromedp.SendKeys(chromedp.ID("code"), elsewhere+kb.Enter))
	waitPage(t, ctx, `document.getElementById('answer').dataset.kind === 'warn'`, "an amber answer offline")
	if detail := pageEval[string](t, ctx, `document.querySelector('.answer-detail').textContent`); !strings.Contains(detail, "Puerta sur") {
		t.Errorf("offline amber answer says %q; want the other door", detail)
	}
	steps(t, ctx, chromedp.Click(chromedp.ID("answer")))
	waitPage(t, ctx, `document.getElementById('unsent').dataset.count === '6'`, "the repeat to queue too")

	// The first two batch answers are lost after the server committed them.
	lost := dropBatchAnswers(t, ctx, 2)
	ts = restartServer(t, ts, nil)
	// No nudge: the retry timer, the live connection coming back or the
	// heartbeat finds the server by itself.
	waitPage(t, ctx, `document.getElementById('unsent').dataset.count === '0'`, "the queue to drain")
	if got := ts.presentTotal(t, f.Action, f.Door); got != before+5 {
		t.Errorf("turnout after the queue drained = %d, want %d (each scan once)", got, before+5)
	}
	if n := lost.Load(); n == 0 {
		t.Errorf("no batch answer was dropped: the replay was not exercised")
	}
	for _, code := range codes {
		if n := checkinsOf(t, ts, f.Action, code); n != 1 {
			t.Errorf("leader %s has %d check-ins in force, want 1", code, n)
		}
	}
	saveShot(t, ctx, "drained")
}

// dropBatchAnswers makes the browser lose the answers of the first n batch
// uploads, after the server handled them, as a Wi-Fi drop would.
func dropBatchAnswers(tb testing.TB, ctx context.Context, n int64) *atomic.Int64 {
	tb.Helper()
	var dropped atomic.Int64
	failRequests(tb, ctx, &fetch.RequestPattern{URLPattern: "*/checkins/batch", RequestStage: fetch.RequestStageResponse},
		func(ev fetch.EventRequestPaused) bool {
			if ev.ResponseStatusCode == 200 && dropped.Load() < n {
				dropped.Add(1)
				return true
			}
			return false
		})
	return &dropped
}

// failRequests makes the browser fail, as a connection reset, each request
// matching pattern that fail says to; the others go on.
func failRequests(tb testing.TB, ctx context.Context, pattern *fetch.RequestPattern, fail func(fetch.EventRequestPaused) bool) {
	tb.Helper()
	paused := chromedp.Events(ctx, fetch.RequestPaused)
	_, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{pattern}})
	if err != nil {
		tb.Fatalf("enable fetch interception: %v", err)
	}
	go func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			if fail(ev) {
				chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: "ConnectionReset"})
				continue
			}
			chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
		}
	}()
}

// checkinsOf counts a leader's check-ins in force at the action, from the
// door feed the server keeps.
func checkinsOf(tb testing.TB, ts *testServer, action int64, code string) int {
	tb.Helper()
	items, err := ts.Store().CheckInFeed(context.Background(), action, 0, 10000)
	if err != nil {
		tb.Fatalf("feed: %v", err)
	}
	n := 0
	for _, it := range items {
		if it.Code == code {
			if it.Present {
				n++
			} else {
				n--
			}
		}
	}
	return n
}
