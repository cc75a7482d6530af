package server

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

const lorisConns = 200

// TestFaultSlowLorisCannotHoldTheServer opens 200 connections that send a
// request header a few bytes at a time, and 20 that send nothing. While they
// hang on, other clients are answered; then the server's read timeout
// closes every one of them. It waits out that timeout (15 s) once, in
// parallel with other tests.
func TestFaultSlowLorisCannotHoldTheServer(t *testing.T) {
	if testing.Short() {
		t.Skip("waits out the server's read timeout")
	}
	t.Parallel()
	raiseOpenFiles(t)
	ts := newTestServer(t)
	f := ts.seed(t)
	host := strings.TrimPrefix(ts.URL, "http://")
	closed := make(chan time.Duration, lorisConns+20)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range lorisConns + 20 {
		conn, err := net.Dial("tcp", host)
		if err != nil {
			t.Fatalf("dial %d: %v", i, err)
		}
		t.Cleanup(func() { conn.Close() })
		silent := i >= lorisConns
		wg.Go(func() { closed <- slowLoris(conn, silent, start) })
	}
	for i := range 20 {
		status, _ := ts.call(t, "GET", fmt.Sprintf("/api/actions/%d/turnout", f.Action), f.Display, nil)
		if status != http.StatusOK {
			t.Fatalf("request %d while the slow clients hang on = %d", i, status)
		}
	}
	wg.Wait()
	close(closed)
	var longest time.Duration
	for d := range closed {
		if d < 0 {
			t.Fatal("a slow client was never cut off")
		}
		longest = max(longest, d)
	}
	t.Logf("every slow client cut off after at most %v", longest.Round(100*time.Millisecond))
}

// slowLoris sends a request header one byte every 500 ms (or nothing, when
// silent) until the server closes the connection, and returns how long
// that took, or -1 if it had not after 60 s.
func slowLoris(conn net.Conn, silent bool, start time.Time) time.Duration {
	header := "POST /api/actions/1/checkins HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
		strings.Repeat("X-Padding: slow\r\n", 100)
	gone := make(chan struct{})
	go func() {
		io.Copy(io.Discard, conn) // until the server closes it
		close(gone)
	}()
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for i := 0; ; i++ {
		select {
		case <-gone:
			return time.Since(start)
		case <-tick.C:
			if time.Since(start) > 60*time.Second {
				return -1
			}
			if !silent && i < len(header) {
				conn.Write([]byte{header[i]})
			}
		}
	}
}
