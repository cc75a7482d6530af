package main

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

var versionLine = regexp.MustCompile(`^presente \S+ \(commit \S+, go1\.\d+\S*, SQLite 3\.\d+\.\d+\)$`)

// TestVersion: one line with the version, commit, Go and SQLite versions;
// the server's first log line and /healthz repeat it.
func TestVersion(t *testing.T) {
	code, out, _ := runCmd(t, "", "version")
	line := strings.TrimSpace(out)
	if code != 0 || !versionLine.MatchString(line) {
		t.Fatalf("presente version = %d %q, want one line like %s", code, out, versionLine)
	}
	s, _ := startServeTLS(t, nil, "--data", t.TempDir(), "--http", "127.0.0.1:0")
	first, _, _ := strings.Cut(s.stderr.String(), "\n")
	if !strings.Contains(first, `msg="`+line+`"`) {
		t.Errorf("the server's first log line %q does not carry %q", first, line)
	}
	resp, err := http.Get(s.http + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var h struct{ Version string }
	if json.NewDecoder(resp.Body).Decode(&h); h.Version != line {
		t.Errorf("/healthz version = %q, want %q", h.Version, line)
	}
}
