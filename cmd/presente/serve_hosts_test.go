package main

import (
	"net/http"
	"testing"
)

// hostStatus is the status of GET url sent with the Host header host.
func hostStatus(tb testing.TB, url, host string) int {
	tb.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Host = host
	resp, err := httpClient.Do(req)
	if err != nil {
		tb.Fatalf("GET %s (Host %s): %v", url, host, err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestServeAnswersOwnNamesOnly: serve answers the names given with --host
// (or PRESENTE_HOSTS) and its own, and 421 to any other.
func TestServeAnswersOwnNamesOnly(t *testing.T) {
	env := map[string]string{"PRESENTE_HOSTS": "from-env.example"}
	s, _ := startServeTLS(t, env, "--data", t.TempDir(), "--http", "127.0.0.1:0", "--https", "off",
		"--host", "presente.example", "--host", "proxy.example,other.example")
	tests := []struct {
		host string
		want int
	}{
		{"localhost", 200},
		{"presente.example", 200},
		{"other.example:443", 200},
		{"from-env.example", 421}, // the flags given replace the environment's
		{"rebind.example", 421},
	}
	for _, tt := range tests {
		if got := hostStatus(t, s.http+"/healthz", tt.host); got != tt.want {
			t.Errorf("Host %s = %d, want %d", tt.host, got, tt.want)
		}
	}
}
