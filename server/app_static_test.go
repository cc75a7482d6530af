package server

import (
	"bufio"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// rawGet sends a request line as written, without a client cleaning the
// path, and returns the status and the body's start.
func rawGet(t *testing.T, ts *testServer, target string) (int, string) {
	t.Helper()
	host := strings.TrimPrefix(ts.URL, "http://")
	conn, err := net.DialTimeout("tcp", host, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	conn.Write([]byte("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n"))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	b := make([]byte, 512)
	n, _ := resp.Body.Read(b)
	return resp.StatusCode, string(b[:n])
}

// TestStaticFilesRefuseTraversalAndListing: no path climbs out of the
// embedded files, and no folder is listed.
func TestStaticFilesRefuseTraversalAndListing(t *testing.T) {
	ts := newTestServer(t)
	for _, target := range []string{"/../go.mod", "/%2e%2e/%2e%2e/etc/passwd", "/door/..%2f..%2fstatic.go",
		"/vendor/", "/vendor/idb/", "/shared/", "/..%5c..%5cstatic.go"} {
		if st, body := rawGet(t, ts, target); st != http.StatusNotFound && st != http.StatusForbidden {
			t.Errorf("GET %s = %d %.120q, want it refused, not served or listed", target, st, body)
		}
	}
}

// TestNoCORS: no response lets another site's page read it.
func TestNoCORS(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	for _, method := range []string{"OPTIONS", "GET"} {
		req, _ := http.NewRequest(method, ts.URL+"/api/actions", nil)
		req.Header.Set("Origin", "https://evil.example")
		req.Header.Set("Access-Control-Request-Method", "GET")
		req.Header.Set("Authorization", "Bearer "+f.Display)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		for h := range resp.Header {
			if strings.HasPrefix(strings.ToLower(h), "access-control-") {
				t.Errorf("%s with a foreign Origin answers %s: %q", method, h, resp.Header.Get(h))
			}
		}
	}
}
