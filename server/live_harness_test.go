package server

// The live harness: what a test needs below the HTTP client — dashboards on
// the live WebSocket (dialLive), WebSockets opened by hand to send what no
// library would (rawUpgrade, frame), the HTTPS and LAN listeners as serve
// runs them (serveTLSAndPlain, fromLAN), the open-file limit a thousand
// connections need, and the process's footprint once they are gone.

import (
	"bufio"
	"context"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/coder/websocket"

	"presente/server/lan"
	"presente/server/live"
)

// wsClient is a dashboard: a real WebSocket client on the live endpoint.
type wsClient struct {
	conn *websocket.Conn
	snap live.Snapshot
}

// dialLive connects a dashboard to an action's live endpoint and reads its
// snapshot.
func dialLive(tb testing.TB, ts *testServer, action int64, token string) *wsClient {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	url := strings.Replace(ts.URL, "http://", "ws://", 1) + fmt.Sprintf("/api/actions/%d/live?token=%s", action, token)
	conn, _, err := websocket.Dial(ctx, url, nil)
	if err != nil {
		tb.Fatalf("dial live: %v", err)
	}
	conn.SetReadLimit(1 << 20)
	c := &wsClient{conn: conn}
	tb.Cleanup(func() { conn.CloseNow() })
	if err := c.next(tb, &c.snap); err != nil {
		tb.Fatalf("read snapshot: %v", err)
	}
	if c.snap.Type != "snapshot" {
		tb.Fatalf("first message type %q, want snapshot", c.snap.Type)
	}
	return c
}

// next reads one message into v.
func (c *wsClient) next(tb testing.TB, v any) error {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, b, err := c.conn.Read(ctx)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// follow applies messages until the dashboard reaches seq, checking that no
// sequence number is skipped but for a snapshot of now, which a dashboard
// behind by more than a snapshot weighs takes instead of the changes.
func (c *wsClient) follow(tb testing.TB, seq int64) {
	tb.Helper()
	for c.snap.Seq < seq {
		var m live.Change
		if err := c.next(tb, &m); err != nil {
			tb.Fatalf("read at seq %d (want %d): %v", c.snap.Seq, seq, err)
		}
		if m.Type == "snapshot" && m.Seq > c.snap.Seq {
			c.snap.Seq, c.snap.Total = m.Seq, m.Total
			continue
		}
		if m.Type != "change" || m.Seq != c.snap.Seq+1 {
			tb.Fatalf("message %+v after seq %d: want the next change", m, c.snap.Seq)
		}
		c.snap.Seq, c.snap.Total = m.Seq, m.Total
	}
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

// servedTLS is a test server that also answers HTTPS, and plain HTTP split
// as serve does, where only 127.0.0.1 counts as this machine.
type servedTLS struct {
	*testServer
	httpsURL, plainURL string
	port               string
	roots              *x509.CertPool
}

// serveTLSAndPlain starts a test server that also listens for HTTPS with a
// fresh certificate, and for plain HTTP split as serve splits it.
func serveTLSAndPlain(tb testing.TB) servedTLS {
	tb.Helper()
	ts := newTestServer(tb)
	cert := testCertificate(tb)
	tlsLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	plainLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(tlsLn.Addr().String())
	// 192.0.2.10 is a documentation address: it appears in links, nothing connects to it.
	site := lan.Site{HTTPSPort: port, Hosts: []string{"192.0.2.10"}, Fingerprint: cert.Fingerprint}
	go ts.ServeTLS(tlsLn, cert, site)
	onlyFirst := func(a net.Addr) bool { return a.(*net.TCPAddr).IP.Equal(net.IPv4(127, 0, 0, 1)) }
	go ts.servePlain(plainLn, site, onlyFirst)
	roots := x509.NewCertPool()
	roots.AddCert(cert.TLS.Leaf)
	return servedTLS{ts, "https://" + tlsLn.Addr().String(), "http://" + plainLn.Addr().String(), port, roots}
}

// testCertificate is the self-signed certificate serve makes on a first
// start, made in a fresh folder.
func testCertificate(tb testing.TB) lan.Certificate {
	tb.Helper()
	cert, err := lan.LoadCertificate(tb.TempDir(), "", "")
	if err != nil {
		tb.Fatalf("certificate: %v", err)
	}
	return cert
}

// fromLAN is an HTTP client whose connections come from 127.0.0.2, which
// the server takes for another machine on the LAN, as a phone would be. It
// never follows redirects.
func fromLAN() *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 2)}, Timeout: 5 * time.Second}
	return &http.Client{Timeout: 10 * time.Second,
		Transport:     &http.Transport{DialContext: d.DialContext, MaxIdleConnsPerHost: 8},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// plainGet sends a request with c and returns the status, the headers and
// the body.
func plainGet(tb testing.TB, c *http.Client, method, url string) (int, http.Header, string) {
	tb.Helper()
	req, _ := http.NewRequestWithContext(context.Background(), method, url, strings.NewReader("{}"))
	resp, err := c.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

// raiseOpenFiles lifts this process's soft limit on open files to the hard
// limit, and returns the limit now: the benchmark and the load tests hold
// thousands of connections, often both ends of each.
func raiseOpenFiles(tb testing.TB) uint64 {
	tb.Helper()
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		tb.Logf("read open-file limit: %v", err)
		return 0
	}
	if lim.Cur < lim.Max {
		lim.Cur = lim.Max
		if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
			tb.Logf("raise open-file limit: %v", err)
		}
		syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim)
	}
	return lim.Cur
}

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
