package server

import (
	"bufio"
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"testing"
)

// testLog is a server's log as a test reads it: every line, as JSON.
type testLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *testLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// String is everything logged so far.
func (l *testLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// events are the security log's lines of one event, each as its fields.
func (l *testLog) events(event string) []map[string]any {
	var out []map[string]any
	sc := bufio.NewScanner(strings.NewReader(l.String()))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var line map[string]any
		if json.Unmarshal(sc.Bytes(), &line) == nil && line["event"] == event {
			out = append(out, line)
		}
	}
	return out
}

// wantEvent fails unless the log holds at least one WARN line of event from
// remote, and returns how many there are.
func (l *testLog) wantEvent(tb testing.TB, event, remote string) int {
	tb.Helper()
	n := 0
	for _, line := range l.events(event) {
		if line["level"] == "WARN" && line["remote"] == remote {
			n++
		}
	}
	if n == 0 {
		tb.Errorf("no WARN %s line from %s in the log:\n%s", event, remote, l.String())
	}
	return n
}

// newLoggedServer starts a server, changed by opts, whose log the test reads.
func newLoggedServer(tb testing.TB, opts ...func(*Config)) (*testServer, *testLog) {
	tb.Helper()
	log := &testLog{}
	cfg := Config{Log: slog.New(slog.NewJSONHandler(log, &slog.HandlerOptions{Level: slog.LevelDebug}))}
	for _, o := range opts {
		o(&cfg)
	}
	return startTestServerWith(tb, cfg), log
}
