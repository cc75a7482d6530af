package server

import (
	"net/http/httptest"
	"strings"
	"testing"
)

func TestSecurityHeaders(t *testing.T) {
	ts := newTestServer(t)
	tests := []struct {
		host       string
		wantWS     bool
		wantInPoli string
	}{
		{"presente.local:8443", true, "wss://presente.local:8443"},
		{"192.168.1.20", true, "ws://192.168.1.20"},
		{"evil; script-src *", false, "connect-src 'self'"},
	}
	for _, tt := range tests {
		req := httptest.NewRequest("GET", "/", nil)
		req.Host = tt.host
		resp, err := ts.App().Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") ||
			!strings.Contains(csp, tt.wantInPoli) || strings.Contains(csp, "script-src *") {
			t.Errorf("host %q: CSP %q", tt.host, csp)
		}
		if strings.Contains(csp, "ws://") != tt.wantWS {
			t.Errorf("host %q: CSP %q; want ws: named %v", tt.host, csp, tt.wantWS)
		}
		for h, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"} {
			if got := resp.Header.Get(h); got != want {
				t.Errorf("%s = %q, want %q", h, got, want)
			}
		}
	}
}
