package server

import (
	"crypto/tls"
	"net/http"
	"strings"
	"testing"
	"time"
)

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
