package store

import (
	"context"
	"database/sql"
	"slices"
	"testing"
)

// TestStandbySendsOnItsLostPrimarysWrites: a standby of durham that joins
// the hub puts in its outbox, as its own, the check-in it holds that durham
// made; started again with the same parent it adds nothing more, and a node
// that was not its parent's standby adds nothing when its parent changes.
func TestStandbySendsOnItsLostPrimarysWrites(t *testing.T) {
	tests := []struct {
		name                    string
		venue, parent, rejoined string
		want                    []string
	}{
		{"a standby joins the hub in its primary's place", "durham", "durham", "hub", []string{"checkin:from-durham"}},
		{"a standby started again with its primary's link", "durham", "durham", "durham", nil},
		{"a venue joins another node", "", "hub", "hub2", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t)
			ctx := context.Background()
			check(t, w.st.SetSelf(ctx, "durham-standby", tt.parent))
			check(t, w.st.SetVenue(ctx, tt.venue))
			_, err := w.checkIn(t, "from-durham", w.codes[0][0], 0)
			check(t, err)
			check(t, w.st.write(ctx, func(tx *sql.Tx) ([]Event, error) { // as if durham made it
				_, err := tx.Exec(`UPDATE checkins SET origin = 'durham' WHERE client_id = 'from-durham';
					DELETE FROM peer_outbox`)
				return nil, err
			}))
			for range 2 { // started twice with the new link: sent on once
				check(t, w.st.SetSelf(ctx, "durham-standby", tt.rejoined))
			}
			if got := outboxWrites(t, w.st); !slices.Equal(got, tt.want) {
				t.Errorf("outbox = %v, want %v", got, tt.want)
			}
		})
	}
}

// outboxWrites is the outbox's writes but doors' changes, by message id.
func outboxWrites(tb testing.TB, st *Store) []string {
	tb.Helper()
	entries, err := st.Outbox(context.Background(), 0, 100)
	check(tb, err)
	var out []string
	for _, e := range entries {
		if e.Write.Kind != "door" {
			out = append(out, e.Write.MsgID())
		}
	}
	return out
}
