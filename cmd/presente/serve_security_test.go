package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"presente/server"
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

// TestServeTrustsOnlyItsProxies: X-Forwarded-Host counts only from an
// address given with --trusted-proxy, and a wrong one is refused at start.
func TestServeTrustsOnlyItsProxies(t *testing.T) {
	forwarded := func(url string) int {
		req, _ := http.NewRequest("GET", url+"/healthz", nil)
		req.Header.Set("X-Forwarded-Host", "rebind.example")
		resp, err := httpClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	plain, _ := startServeTLS(t, nil, "--data", t.TempDir(), "--http", "127.0.0.1:0", "--https", "off")
	if got := forwarded(plain.http); got != 200 {
		t.Errorf("X-Forwarded-Host from an untrusted address = %d, want 200: ignored", got)
	}
	proxied, _ := startServeTLS(t, nil, "--data", t.TempDir(), "--http", "127.0.0.1:0", "--https", "off",
		"--trusted-proxy", "127.0.0.0/8")
	if got := forwarded(proxied.http); got != 421 {
		t.Errorf("X-Forwarded-Host from a trusted proxy = %d, want 421: believed, and not our name", got)
	}
	code, _, errOut := runCmd(t, "", "serve", "--data", t.TempDir(), "--http", "127.0.0.1:0", "--https", "off", "--trusted-proxy", "nonsense")
	if code != 1 || !strings.Contains(errOut, "trusted proxy") {
		t.Errorf("serve --trusted-proxy nonsense: exit %d, %q", code, errOut)
	}
}

// TestServeFlagsSocketCaps: the caps on live sockets come from flags, else
// the environment, else the defaults.
func TestServeFlagsSocketCaps(t *testing.T) {
	env := map[string]string{"PRESENTE_SOCKETS_PER_ADDRESS": "50"}
	e := testEnv(env)
	c, err := e.serveFlags("serve", []string{"--data", t.TempDir(), "--sockets-per-token", "4"})
	if err != nil || c.perToken != 4 || c.perAddress != 50 {
		t.Errorf("caps = %d per token, %d per address (%v); want 4 and 50", c.perToken, c.perAddress, err)
	}
	c, _ = testEnv(nil).serveFlags("serve", []string{"--data", t.TempDir()})
	if c.perToken != server.DefaultSocketsPerToken || c.perAddress != server.DefaultSocketsPerAddress {
		t.Errorf("default caps = %d, %d", c.perToken, c.perAddress)
	}
}

// testEnv is an env whose variables are vars, for calling a command's parts.
func testEnv(vars map[string]string) env {
	return env{ctx: context.Background(), getenv: func(k string) string { return vars[k] },
		stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard}
}

// TestServeKeepsTheDataPrivate: serve on an existing data folder others
// could read makes it the owner's only, and the database and its WAL 0600.
func TestServeKeepsTheDataPrivate(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if err := os.Mkdir(data, 0o755); err != nil {
		t.Fatal(err)
	}
	os.Chmod(data, 0o755)
	s, stop := startServeTLS(t, nil, "--data", data, "--http", "127.0.0.1:0", "--https", "off")
	if got := hostStatus(t, s.http+"/healthz", "localhost"); got != 200 {
		t.Fatalf("healthz = %d", got)
	}
	for path, want := range map[string]os.FileMode{data: 0o700, filepath.Join(data, "presente.db"): 0o600,
		filepath.Join(data, "presente.db-wal"): 0o600} {
		if fi, err := os.Stat(path); err != nil {
			t.Errorf("%s: %v", filepath.Base(path), err)
		} else if fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", filepath.Base(path), fi.Mode().Perm(), want)
		}
	}
	stop()
}
