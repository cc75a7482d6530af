package server

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"
)

// totalWatch notes, from now on, every "Presentes" figure the page shows.
const totalWatch = `window.totalsSeen = [];
new MutationObserver(() => {
  const n = Number(document.getElementById('total').textContent.replace(/\D/g, ''));
  if (window.totalsSeen[window.totalsSeen.length - 1] !== n) window.totalsSeen.push(n);
}).observe(document.getElementById('total'), {subtree: true, childList: true, characterData: true}), true`

// TestDoorTotalNeverDipsWhenBackOnline: three green entries queued offline
// show in "Presentes". The laptop comes back while the phone cannot send
// them yet (the live total reaches it, another door checks someone in),
// then it sends them with slow answers, the server's live news of them
// arriving before the phone hears they were taken. The figure shown never
// goes below what it showed offline, never above the true turnout, and
// ends at it.
func TestDoorTotalNeverDipsWhenBackOnline(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ctx := newPhone(t)
	openDoor(t, ctx, ts.URL, f.Door)
	atWidth(t, ctx, 360)
	before := ts.presentTotal(t, f.Action, f.Door)
	waitPage(t, ctx, fmt.Sprintf(`document.getElementById('total').textContent === 'Presentes: %d'`, before), "the total")
	ts.stop(t)
	for _, code := range f.Codes["Iglesia San José"][:3] {
		doorScan(t, ctx, code, "ok")
		dismissAnswer(t, ctx)
	}
	offline := before + 3
	if got, ok := waitText(t, ctx, "#total", fmt.Sprintf("Presentes: %d", offline), 5*time.Second); !ok {
		t.Fatalf("offline with 3 green entries queued the total reads %q, want Presentes: %d", got, offline)
	}
	pageEval[bool](t, ctx, totalWatch)

	var hold atomic.Bool
	hold.Store(true)
	slowBatches(t, ctx, &hold, 1500*time.Millisecond)
	ts = restartServer(t, ts, nil)
	// As a phone whose Wi-Fi comes back: it tries at once, not at its next retry.
	pageEval[bool](t, ctx, `window.dispatchEvent(new Event('online')), true`)
	took := waitPage(t, ctx, `window.presenteScanner.live.status === 'live'`, "the live total to reach the phone, its entries not sent")
	t.Logf("the live total reached the phone %v after the server came back", took.Round(time.Millisecond))
	ts.call(t, "POST", fmt.Sprintf("/api/actions/%d/checkins", f.Action), f.Door2,
		map[string]string{"id": "other-door-back-1", "code": f.Codes["Centro El Puente"][0]})
	time.Sleep(2 * time.Second) // the live total and the feed reach the phone, its sends still failing
	if n := pageEval[int](t, ctx, `Number(document.getElementById('unsent').dataset.count)`); n != 3 {
		t.Fatalf("%d entries wait on the phone while sending is held back, want 3: the test proves nothing", n)
	}
	saveScreen(t, ctx, "back-online-held-360")

	hold.Store(false)
	want := before + 4
	ts.waitTotal(t, f.Action, f.Door, want)
	waitDrained(t, ctx)
	got, ok := waitText(t, ctx, "#total", fmt.Sprintf("Presentes: %d", want), 10*time.Second)
	seen := pageEval[[]int](t, ctx, `window.totalsSeen`)
	t.Logf("totals shown from offline to drained: %v", seen)
	if !ok {
		t.Errorf("once everything was sent the total reads %q, want Presentes: %d", got, want)
	}
	for _, n := range seen {
		if n < offline || n > want {
			t.Errorf("the total showed %d on the way (shown offline %d, true turnout %d): %v", n, offline, want, seen)
			break
		}
	}
}

// slowBatches fails the phone's batch uploads, as a connection reset before
// they reach the server, while hold is set; once it is not, each batch
// reaches the server and its answer comes back late by wait.
func slowBatches(tb testing.TB, ctx context.Context, hold *atomic.Bool, wait time.Duration) {
	tb.Helper()
	paused := chromedp.Events(ctx, fetch.RequestPaused)
	_, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{
		{URLPattern: "*/checkins/batch", RequestStage: fetch.RequestStageRequest},
		{URLPattern: "*/checkins/batch", RequestStage: fetch.RequestStageResponse},
	}})
	if err != nil {
		tb.Fatalf("enable fetch interception: %v", err)
	}
	go func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			answer := ev.ResponseStatusCode != 0 || ev.ResponseErrorReason != ""
			switch {
			case !answer && hold.Load():
				chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: "ConnectionReset"})
			case answer:
				go func() {
					time.Sleep(wait)
					chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
				}()
			default:
				chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
			}
		}
	}()
}
