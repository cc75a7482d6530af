package server

import (
	"context"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// faultWorld is a server with one dashboard that behaves, which every
// fault test checks is still served, and fresh badge codes to scan.
type faultWorld struct {
	ts    *testServer
	f     fixture
	good  *wsClient
	codes []string
	path  string // the live endpoint with the display token
}

func newFaultWorld(t *testing.T) *faultWorld {
	raiseOpenFiles(t)
	ts := startTestServerWith(t, roomyConfig())
	f := ts.seed(t)
	w := &faultWorld{ts: ts, f: f, codes: benchLeaders(t, ts.Store().Path(), institutionIDs(f), 50, 0),
		path: fmt.Sprintf("/api/actions/%d/live?token=%s", f.Action, f.Display)}
	w.good = dialLive(t, ts, f.Action, f.Display)
	return w
}

// stillServed checks a door in and sees the change reach the good dashboard.
func (w *faultWorld) stillServed(t *testing.T) {
	t.Helper()
	code := w.codes[0]
	w.codes = w.codes[1:]
	status, body := w.ts.call(t, "POST", fmt.Sprintf("/api/actions/%d/checkins", w.f.Action), w.f.Door,
		map[string]string{"id": benchUUID(), "code": code})
	if status != 201 {
		t.Fatalf("check-in while under attack = %d %s", status, body)
	}
	w.good.follow(t, w.good.snap.Seq+1)
}

// TestFaultLiveHostileClients throws at the live endpoint what a crowded
// hall can: a dashboard that stops reading, a thousand that connect and
// drop at once, frames too large, frames that break the protocol, bytes
// that are not HTTP. The dashboard that behaves keeps getting every change,
// and the process goes back to the goroutines and heap it had.
func TestFaultLiveHostileClients(t *testing.T) {
	w := newFaultWorld(t)
	base := measureFootprint()
	t.Run("stalled reader", func(t *testing.T) { stalledReader(t, w) })
	t.Run("thousand connect and drop", func(t *testing.T) { connectAndDrop(t, w, 1000) })
	t.Run("oversized and broken frames", func(t *testing.T) { badFrames(t, w) })
	t.Run("not HTTP at all", func(t *testing.T) { notHTTP(t, w) })
	w.stillServed(t)
	total, _ := countsOf(t, w.ts, w.f.Action)
	if w.good.snap.Total != total {
		t.Errorf("good dashboard total = %d, database = %d", w.good.snap.Total, total)
	}
	awaitFootprint(t, base)
}

// stalledReader opens a dashboard with a tiny receive window that never
// reads; changes pour out until the server drops it, while the good
// dashboard follows every one.
func stalledReader(t *testing.T, w *faultWorld) {
	conn, _ := rawUpgrade(t, w.ts.URL, w.path, 4096)
	defer conn.Close()
	awaitSubscribers(t, w, 2)
	inst := w.f.Institutions["Iglesia San José"]
	seq := w.good.snap.Seq
	start := seq
	deadline := time.Now().Add(60 * time.Second)
	for w.ts.tally.Subscribers(w.f.Action) > 1 {
		if time.Now().After(deadline) {
			t.Fatalf("the stalled dashboard is still subscribed after %d changes", seq-start)
		}
		for i := range 200 {
			w.ts.tally.Apply(w.f.Action, inst, "checkin", 1-2*(i%2), time.Now())
		}
		seq += 200
		w.good.follow(t, seq)
	}
	t.Logf("the stalled dashboard was dropped after %d changes", seq-start)
	w.stillServed(t)
}

// connectAndDrop connects n dashboards, then drops them all at once without
// a closing handshake, as when a hall's Wi-Fi goes down.
func connectAndDrop(t *testing.T, w *faultWorld, n int) {
	url := "ws" + strings.TrimPrefix(w.ts.URL, "http") + w.path
	conns := make([]*websocket.Conn, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 64)
	for i := range conns {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			if c, _, err := websocket.Dial(ctx, url, nil); err == nil {
				conns[i] = c
			}
		})
	}
	wg.Wait()
	awaitSubscribers(t, w, n+1)
	for _, c := range conns {
		if c != nil {
			c.CloseNow()
		}
	}
	awaitSubscribers(t, w, 1)
	w.stillServed(t)
}

func awaitSubscribers(t *testing.T, w *faultWorld, n int) {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); w.ts.tally.Subscribers(w.f.Action) != n; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d dashboards subscribed, want %d", w.ts.tally.Subscribers(w.f.Action), n)
		}
	}
}

// badFrames sends, each on its own connection, a frame past the read limit
// and frames that break the protocol; the server must close every one.
func badFrames(t *testing.T, w *faultWorld) {
	big := []byte(strings.Repeat("x", readLimit+1))
	cases := map[string][]byte{
		"oversized text":           frame(true, 0x1, big, true),
		"oversized in fragments":   append(frame(false, 0x1, big[:300], true), frame(true, 0x0, big[300:], true)...),
		"declares 4 GB":            {0x81, 0xff, 0, 0, 0, 1, 0, 0, 0, 0, 1, 2, 3, 4},
		"unmasked":                 frame(true, 0x1, []byte("hola"), false),
		"reserved opcode":          frame(true, 0x3, []byte("hola"), true),
		"continuation out of turn": frame(true, 0x0, []byte("hola"), true),
		"oversized ping":           frame(true, 0x9, big[:200], true),
		"random bytes":             []byte("\x00\xff\x13\x37 not a frame at all \xfe\xfe\xfe\xfe"),
	}
	for name, bytes := range cases {
		conn, br := rawUpgrade(t, w.ts.URL, w.path, 0)
		if _, err := conn.Write(bytes); err != nil {
			t.Fatalf("%s: write: %v", name, err)
		}
		awaitClosed(t, conn, br, name)
	}
	awaitSubscribers(t, w, 1)
	w.stillServed(t)
}

// notHTTP sends bytes that are no request, a header line far too long, and
// a connection that is closed half-way through its upgrade.
func notHTTP(t *testing.T, w *faultWorld) {
	host := strings.TrimPrefix(w.ts.URL, "http://")
	for name, bytes := range map[string]string{
		"binary junk":     "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 tls where none is spoken\r\n\r\n",
		"huge header":     "GET / HTTP/1.1\r\nHost: x\r\nX-Junk: " + strings.Repeat("a", 64<<10) + "\r\n\r\n",
		"half an upgrade": "GET " + w.path + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\n",
	} {
		conn, err := net.Dial("tcp", host)
		if err != nil {
			t.Fatal(err)
		}
		conn.Write([]byte(bytes))
		if name == "half an upgrade" {
			conn.Close()
			continue
		}
		conn.SetReadDeadline(time.Now().Add(30 * time.Second))
		buf := make([]byte, 4096)
		for {
			if _, err := conn.Read(buf); err != nil {
				if ne, ok := err.(net.Error); ok && ne.Timeout() {
					t.Errorf("%s: the server kept the connection open", name)
				}
				break
			}
		}
		conn.Close()
	}
	w.stillServed(t)
}
