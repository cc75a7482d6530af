package server

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"
)

// TestDoorSaysAtOnceWhenItsQueueDrained: the organizers' doors list shows
// what a phone's last heartbeat said it held unsent; once its queue
// drained the phone says so at once, not at its next beat (20 s later):
// "4 pendientes" on the live view long after the phone read "todo
// enviado" sent an organizer after a problem that was gone.
func TestDoorSaysAtOnceWhenItsQueueDrained(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ctx := newPhone(t)
	openDoor(t, ctx, ts.URL, f.Door)
	var blocked atomic.Bool
	blocked.Store(true)
	failCheckIns(t, ctx, &blocked)
	doorScan(t, ctx, f.Codes["Iglesia San José"][0], "ok")
	dismissAnswer(t, ctx)
	doorScan(t, ctx, f.Codes["Iglesia San José"][1], "ok")
	dismissAnswer(t, ctx)
	queued := func() int {
		doors, err := ts.Store().Doors(context.Background(), f.Action)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range doors {
			if d.Name == "Puerta norte" {
				return d.Queued
			}
		}
		t.Fatal("no Puerta norte")
		return 0
	}
	// The phone comes back online: it beats while its sends still fail.
	steps(t, ctx, chromedp.Evaluate[chromedp.Void](`window.dispatchEvent(new Event('online'))`))
	for deadline := time.Now().Add(15 * time.Second); queued() != 2; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the server never heard of the 2 unsent scans (queued %d)", queued())
		}
	}
	blocked.Store(false)
	steps(t, ctx, chromedp.Evaluate[chromedp.Void](`window.dispatchEvent(new Event('online'))`))
	waitDrained(t, ctx)
	drained := time.Now()
	for queued() != 0 {
		if time.Since(drained) > 15*time.Second {
			t.Fatalf("the server still shows %d unsent 15 s after the phone sent them (the next beat is 20 s away)", queued())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// failCheckIns makes the phone's check-in uploads fail while blocked is
// set, as a hall's Wi-Fi that lets small requests through and drops the
// rest would; every other request goes on.
func failCheckIns(tb testing.TB, ctx context.Context, blocked *atomic.Bool) {
	tb.Helper()
	failRequests(tb, ctx, &fetch.RequestPattern{URLPattern: "*/checkins*", RequestStage: fetch.RequestStageRequest},
		func(fetch.EventRequestPaused) bool { return blocked.Load() })
}
