package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBadgesCommand(t *testing.T) {
	data := t.TempDir()
	startDemo(t, data)
	out := filepath.Join(t.TempDir(), "badges.pdf")
	code, stdout, stderr := runCmd(t, "", "badges", "--data", data, "--action", "1", "--institution", "1", "--layout", "card", "-o", out)
	if code != 0 || !strings.Contains(stdout, "badges") {
		t.Fatalf("badges = %d %s %s", code, stdout, stderr)
	}
	pdf, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("%s is not a PDF: %v", out, err)
	}
	if code, _, stderr := runCmd(t, "", "badges", "--data", data, "--action", "1"); code != 1 || !strings.Contains(stderr, "-o") {
		t.Errorf("badges without -o = %d %q, want an error naming -o", code, stderr)
	}
	if code, _, _ := runCmd(t, "", "badges", "--data", data, "--action", "1", "--layout", "poster", "-o", out); code != 1 {
		t.Errorf("badges with an unknown layout = %d, want 1", code)
	}
}
