//go:build linux

package server

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
)

// TestWebKitScannerOffline is TestScannerBrowserOffline in WebKit: another
// door's check-in reaches the phone; with the server stopped, that leader
// is answered amber from the phone's roster and five new scans green; the
// counter shows them (5 and the repeat); the server comes back, the queue
// drains, and each is counted once, even when the first answers to the
// phone are lost on the way back.
func TestWebKitScannerOffline(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	link := newLossyLink(t, ts.URL)
	wk := newWebKit(t)
	wk.navigate(link.URL + "/door/#token=" + f.Door)
	wk.wait("the roster to load", `window.presenteScanner && window.presenteScanner.roster.size > 0 && window.presenteScanner.live`)
	wk.resize(390, 844)
	// Another door checks a leader in; the news reaches this phone.
	elsewhere := f.Codes["Sindicato Local 12"][3]
	ts.call(t, "POST", fmt.Sprintf("/api/actions/%d/checkins", f.Action), f.Door2,
		map[string]string{"id": "other-door-1", "code": elsewhere})
	wk.wait("the other door's check-in on this phone", `window.presenteScanner.roster.get('`+elsewhere+`').door === 'Puerta sur'`)
	before := ts.presentTotal(t, f.Action, f.Door)
	ts.stop(t)

	codes := append(append([]string{}, f.Codes["Iglesia San José"][:3]...), f.Codes["Centro El Puente"][:2]...)
	for _, code := range codes {
		wk.sendKeys("#code", code+wdEnter)
		wk.wait("a green answer from the roster", `document.getElementById('answer').dataset.kind === 'ok'`)
		wk.click("#answer")
	}
	wk.wait("the counter to show 5", `document.getElementById('unsent').dataset.count === '5'`)
	wk.wait("the phone to say it is offline", `document.getElementById('net').dataset.online === 'false'`)
	if n := wkEval[string](wk, `document.getElementById('unsent-n').textContent`); n != "5" {
		t.Errorf("unsent counter shows %q, want 5", n)
	}
	wk.screenshot("queued")
	wk.sendKeys("#code", elsewhere+wdEnter)
	wk.wait("an amber answer offline", `document.getElementById('answer').dataset.kind === 'warn'`)
	if detail := wkEval[string](wk, `document.querySelector('.answer-detail').textContent`); !strings.Contains(detail, "Puerta sur") {
		t.Errorf("offline amber answer says %q; want the other door", detail)
	}
	wk.click("#answer")
	wk.wait("the repeat to queue too", `document.getElementById('unsent').dataset.count === '6'`)

	// The first two batch answers are lost after the server committed them.
	lost := link.dropBatchAnswers(2)
	ts = restartServer(t, ts, nil)
	// No nudge: the retry timer, the live connection coming back or the
	// heartbeat finds the server by itself.
	wk.wait("the queue to drain", `document.getElementById('unsent').dataset.count === '0'`)
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
	wk.screenshot("drained")
}

// errAnswerLost marks an answer the lossy link drops.
var errAnswerLost = errors.New("answer lost on the way back")

// lossyLink stands between the browser and the server as a venue's Wi-Fi
// does. WebKit's own: WebDriver cannot intercept the page's requests as
// Chromium's DevTools can (dropBatchAnswers), so the WebKit test opens the
// scanner through this link, which passes every request and WebSocket on,
// and fails the connection, as a Wi-Fi drop would, when the server is down
// or when it drops an answer the server already gave.
type lossyLink struct {
	URL     string
	limit   atomic.Int64 // batch answers to drop
	dropped atomic.Int64
}

// newLossyLink serves a link to target on a loopback port until the test
// ends; it drops nothing until told to.
func newLossyLink(tb testing.TB, target string) *lossyLink {
	tb.Helper()
	to, err := url.Parse(target)
	if err != nil {
		tb.Fatalf("link target: %v", err)
	}
	l := &lossyLink{}
	transport := http.DefaultTransport.(*http.Transport).Clone()
	proxy := &httputil.ReverseProxy{
		// The browser's Host goes on, so the server sees the address the
		// page was opened at, as it checks hosts and origins.
		Rewrite:        func(r *httputil.ProxyRequest) { r.SetURL(to); r.Out.Host = r.In.Host },
		Transport:      transport,
		ModifyResponse: l.lose,
		ErrorHandler:   func(http.ResponseWriter, *http.Request, error) { panic(http.ErrAbortHandler) },
	}
	srv := httptest.NewServer(proxy)
	tb.Cleanup(func() { srv.Close(); transport.CloseIdleConnections() })
	l.URL = srv.URL
	return l
}

// dropBatchAnswers makes the link lose the answers of the next n batch
// uploads the server handled, and counts those it lost.
func (l *lossyLink) dropBatchAnswers(n int64) *atomic.Int64 {
	l.limit.Add(n)
	return &l.dropped
}

// lose fails a successful batch answer while the limit allows.
func (l *lossyLink) lose(resp *http.Response) error {
	if resp.StatusCode != http.StatusOK || !strings.HasSuffix(resp.Request.URL.Path, "/checkins/batch") {
		return nil
	}
	for {
		d := l.dropped.Load()
		if d >= l.limit.Load() {
			return nil
		}
		if l.dropped.CompareAndSwap(d, d+1) {
			return errAnswerLost
		}
	}
}
