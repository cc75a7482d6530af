package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"presente/server/store"
)

// TestPeerListDoubtsOldRecords: the links as recorded by a server that
// stopped recording them (it is not running, or stuck) read with a "?" and
// the time they are from; fresh ones read plainly; a link the parent
// refuses says so and what to do.
func TestPeerListDoubtsOldRecords(t *testing.T) {
	now := time.Now()
	for _, tc := range []struct {
		name       string
		link       store.PeerLink
		want       []string
		wantNoneOf []string
	}{
		{"fresh up", store.PeerLink{Name: "durham", Role: "child", Up: true, Since: now.Add(-time.Hour), SeenAt: now},
			[]string{"durham", " up "}, []string{"up?", "not running"}},
		{"old up", store.PeerLink{Name: "durham", Role: "child", Up: true, Since: now.Add(-time.Hour), SeenAt: now.Add(-2 * time.Minute)},
			[]string{"up?", "as of " + now.Add(-2*time.Minute).Format("15:04:05"), "(the server is not running?)"}, nil},
		{"old down", store.PeerLink{Name: "hub", Role: "parent", Since: now.Add(-time.Hour), WaitingOut: 3, SeenAt: now.Add(-time.Hour)},
			[]string{"down?", "(the server is not running?)"}, nil},
		{"refused", store.PeerLink{Name: "hub", Role: "parent", Refused: true, Since: now.Add(-time.Minute), SeenAt: now},
			[]string{"refused", `"hub" refuses this node's secret`, "new link"}, []string{"not running"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := t.TempDir()
			st, err := store.Open(context.Background(), filepath.Join(data, "presente.db"), store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if err := st.SaveLinks(context.Background(), []store.PeerLink{tc.link}); err != nil {
				t.Fatal(err)
			}
			st.Close()
			out := mustRun(t, "peer", "list", "--data", data)
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("peer list lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tc.wantNoneOf {
				if strings.Contains(out, w) {
					t.Errorf("peer list says %q:\n%s", w, out)
				}
			}
		})
	}
}
