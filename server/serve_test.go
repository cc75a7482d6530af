package server

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"presente/server/lan"
)

// servedTLS is a test server that also answers HTTPS, and plain HTTP split
// as serve does, where only 127.0.0.1 counts as this machine.
type servedTLS struct {
	*testServer
	httpsURL, plainURL string
	port               string
	roots              *x509.CertPool
}

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
// the split takes for another machine on the LAN. It never follows redirects.
func fromLAN() *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 2)}, Timeout: 5 * time.Second}
	return &http.Client{Timeout: 10 * time.Second,
		Transport:     &http.Transport{DialContext: d.DialContext},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

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

// TestTLSServeHTTPSBesidePlain: HTTPS serves the whole app with our
// certificate; plain HTTP serves it whole to this machine, and to the LAN
// only the landing page, health and the way to HTTPS.
func TestTLSServeHTTPSBesidePlain(t *testing.T) {
	s := serveTLSAndPlain(t)
	secure := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: s.roots, ServerName: "localhost"}}}
	for _, path := range []string{"/healthz", "/door/", "/vendor/barcode-detector/zxing_reader.wasm"} {
		if status, _, _ := plainGet(t, secure, "GET", s.httpsURL+path); status != 200 {
			t.Errorf("HTTPS GET %s = %d, want 200", path, status)
		}
	}
	if status, _, body := plainGet(t, secure, "GET", s.httpsURL+"/https/info"); status != 200 || !strings.Contains(body, `"secure":true`) {
		t.Errorf("HTTPS /https/info = %d %s", status, body)
	}

	local := &http.Client{Timeout: 10 * time.Second}
	if status, _, _ := plainGet(t, local, "GET", s.plainURL+"/api/session"); status != 401 {
		t.Errorf("plain HTTP from this machine: /api/session = %d, want the app's 401", status)
	}

	remote := fromLAN()
	want := "https://192.0.2.10:" + s.port
	tests := []struct {
		method, path string
		status       int
		location     string
	}{
		{"GET", "/", 200, ""},
		{"GET", "/app.css", 200, ""},
		{"GET", "/pair/landing/android-1.svg", 200, ""},
		{"GET", "/healthz", 200, ""},
		{"GET", "/https/qr.png", 200, ""},
		{"GET", "/door/", 307, want + "/door/"},
		{"GET", "/api/actions?x=1", 307, want + "/api/actions?x=1"},
		{"GET", "/pair/doors.html", 307, want + "/pair/doors.html"},
		{"POST", "/api/session", 403, ""},
		{"POST", "/pair/claim", 403, ""},
	}
	for _, tt := range tests {
		status, h, body := plainGet(t, remote, tt.method, s.plainURL+tt.path)
		if status != tt.status || h.Get("Location") != tt.location {
			t.Errorf("LAN %s %s = %d %q, want %d %q (%.80s)", tt.method, tt.path, status, h.Get("Location"), tt.status, tt.location, body)
		}
		if h.Get("Content-Security-Policy") == "" {
			t.Errorf("LAN %s %s has no CSP", tt.method, tt.path)
		}
	}
	if _, _, body := plainGet(t, remote, "GET", s.plainURL+"/https/info"); !strings.Contains(body, `"url":"`+want+`/"`) {
		t.Errorf("LAN /https/info = %s, want the HTTPS address %s", body, want)
	}
}
