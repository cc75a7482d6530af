package server

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// footprint is what the process holds: goroutines (idle pooled server
// workers aside), and heap in use after a collection.
type footprint struct {
	goroutines int
	heap       uint64
}

func (f footprint) String() string {
	return fmt.Sprintf("%d goroutines, %.1f MB heap", f.goroutines, float64(f.heap)/(1<<20))
}

// measureFootprint drops idle keep-alive connections first: they are the
// HTTP client's, not a leak.
func measureFootprint() footprint {
	http.DefaultClient.CloseIdleConnections()
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return footprint{goroutines: busyGoroutines(), heap: ms.HeapInuse}
}

// busyGoroutines counts goroutines, leaving out the server's idle pooled
// workers: it keeps them for a while after a burst and reaps them within
// 20 s, so they are no leak.
func busyGoroutines() int {
	buf := make([]byte, 16<<20)
	n := 0
	for _, g := range strings.Split(string(buf[:runtime.Stack(buf, true)]), "\n\n") {
		if strings.Contains(g, "fasthttp.(*workerPool).workerFunc") && !strings.Contains(g, "serveConn") {
			continue
		}
		n++
	}
	return n
}

// awaitFootprint waits, within a generous deadline, for the process to be
// back near base: a few goroutines more and half as much heap again plus
// 8 MB.
func awaitFootprint(t *testing.T, base footprint) {
	t.Helper()
	var now footprint
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(250 * time.Millisecond) {
		now = measureFootprint()
		if now.goroutines <= base.goroutines+10 && now.heap <= base.heap*3/2+8<<20 {
			t.Logf("back to %v (was %v)", now, base)
			return
		}
	}
	buf := make([]byte, 1<<20)
	t.Logf("goroutines:\n%s", buf[:runtime.Stack(buf, true)])
	t.Fatalf("the process holds %v, it held %v before", now, base)
}

// rawUpgrade opens a WebSocket by hand, with a small receive buffer when
// rcvbuf > 0, so a test can then send what no library would.
func rawUpgrade(t *testing.T, base, path string, rcvbuf int) (net.Conn, *bufio.Reader) {
	t.Helper()
	d := net.Dialer{Timeout: 10 * time.Second}
	if rcvbuf > 0 {
		d.Control = func(_, _ string, c syscall.RawConn) error {
			return c.Control(func(fd uintptr) {
				syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, rcvbuf)
			})
		}
	}
	host := strings.TrimPrefix(base, "http://")
	conn, err := d.DialContext(context.Background(), "tcp", host)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"+
		"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n", path, host)
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	br := bufio.NewReader(conn)
	status, err := br.ReadString('\n')
	if err != nil || !strings.Contains(status, " 101 ") {
		t.Fatalf("upgrade: %q %v", status, err)
	}
	for line := ""; line != "\r\n"; {
		if line, err = br.ReadString('\n'); err != nil {
			t.Fatalf("upgrade headers: %v", err)
		}
	}
	conn.SetReadDeadline(time.Time{})
	return conn, br
}

// frame encodes one client frame; masked as a client must, unless not.
func frame(fin bool, opcode byte, payload []byte, masked bool) []byte {
	b0 := opcode
	if fin {
		b0 |= 0x80
	}
	out := []byte{b0}
	maskBit := byte(0)
	if masked {
		maskBit = 0x80
	}
	switch n := len(payload); {
	case n < 126:
		out = append(out, maskBit|byte(n))
	case n < 1<<16:
		out = append(out, maskBit|126, byte(n>>8), byte(n))
	default:
		out = append(out, maskBit|127, 0, 0, 0, 0, byte(n>>24), byte(n>>16), byte(n>>8), byte(n))
	}
	if !masked {
		return append(out, payload...)
	}
	key := []byte{0x12, 0x34, 0x56, 0x78}
	out = append(out, key...)
	for i, c := range payload {
		out = append(out, c^key[i%4])
	}
	return out
}

// awaitClosed reads, and throws away, what the server sends until it
// closes the connection; it fails when the server keeps it open.
func awaitClosed(t *testing.T, conn net.Conn, br *bufio.Reader, what string) {
	t.Helper()
	conn.SetReadDeadline(time.Now().Add(30 * time.Second))
	buf := make([]byte, 4096)
	for {
		if _, err := br.Read(buf); err != nil {
			if ne, ok := err.(net.Error); ok && ne.Timeout() {
				t.Errorf("%s: the server kept the connection open", what)
			}
			return
		}
	}
}
