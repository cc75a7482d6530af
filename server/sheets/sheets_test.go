package sheets

import (
	"bytes"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"presente/badges"
	"presente/server/demo"
	"presente/server/store"
)

func TestWrite(t *testing.T) {
	st, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "presente.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	network, err := demo.Seed(t.Context(), st, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	all, err := st.BadgeLeaders(t.Context(), store.BadgeFilter{})
	if err != nil || len(all) == 0 {
		t.Fatalf("BadgeLeaders = %d, %v", len(all), err)
	}
	action := network.Action.ID
	tests := []struct {
		name   string
		action int64
		filter store.BadgeFilter
		n      int
		err    error
	}{
		{"one leader", action, store.BadgeFilter{Leader: all[0].ID}, 1, nil},
		{"unknown action", action + 1000, store.BadgeFilter{Leader: all[0].ID}, 0, store.ErrNotFound},
		{"no leader to print", action, store.BadgeFilter{Institution: 1 << 40}, 0, badges.ErrNoBadges},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			n, err := Write(t.Context(), &buf, st, tt.action, tt.filter, badges.LayoutCard)
			if n != tt.n || !errors.Is(err, tt.err) {
				t.Fatalf("Write = %d, %v; want %d, %v", n, err, tt.n, tt.err)
			}
			if tt.err == nil && !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
				t.Errorf("wrote %d bytes that are not a PDF", buf.Len())
			}
		})
	}
}
