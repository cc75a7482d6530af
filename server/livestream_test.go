package server

import (
	"context"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// TestPingerMakesAPingDueEachPeriod: the pinger wakes the writer once a
// period, a ping is due once per wake-up, and the next period starts when
// the writer takes it.
func TestPingerMakesAPingDueEachPeriod(t *testing.T) {
	wake := make(chan struct{}, 1)
	p := newPinger(wake, 20*time.Millisecond)
	defer p.stop()
	if p.take() {
		t.Fatal("a ping is due before the first period ended")
	}
	for i := range 3 {
		select {
		case <-wake:
		case <-time.After(5 * time.Second):
			t.Fatalf("period %d: the writer was never woken", i)
		}
		if !p.take() {
			t.Fatalf("period %d: woken, but no ping due", i)
		}
		if p.take() {
			t.Fatalf("period %d: a ping due twice", i)
		}
	}
}

// TestLiveSocketsGoAwayWhenTheServerStops: a stopping server closes every
// live socket with 1001, so dashboards reconnect to the next one.
func TestLiveSocketsGoAwayWhenTheServerStops(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	dashes := []*wsClient{dialLive(t, ts, f.Action, f.Display), dialLive(t, ts, f.Action, f.Door)}
	ts.stop(t)
	for i, d := range dashes {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_, _, err := d.conn.Read(ctx)
		cancel()
		if got := websocket.CloseStatus(err); got != websocket.StatusGoingAway {
			t.Errorf("dashboard %d as the server stops: %v (status %d), want status %d", i, err, got, websocket.StatusGoingAway)
		}
	}
}
