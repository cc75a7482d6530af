package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// twin is a second node that started from a copy of w's database, as a
// venue starts from the hub's roster.
func twin(tb testing.TB, w *world, self, name string) *world {
	tb.Helper()
	ctx := context.Background()
	path := filepath.Join(tb.TempDir(), "twin.db")
	check(tb, w.st.Backup(ctx, path))
	st, err := Open(ctx, path, Options{})
	check(tb, err)
	tb.Cleanup(func() { st.Close() })
	check(tb, w.st.SetSelf(ctx, self, ""))
	check(tb, st.SetSelf(ctx, name, self))
	t := *w
	t.st = st
	return &t
}

// send applies every write from's outbox holds to to, as the streams would,
// then marks it published at from.
func send(tb testing.TB, from, to *Store) {
	tb.Helper()
	ctx := context.Background()
	entries, err := from.Outbox(ctx, 0, 1000)
	check(tb, err)
	var ws []Write
	for _, e := range entries {
		if !e.Gone {
			ws = append(ws, e.Write)
		}
	}
	for _, err := range to.ApplyWrites(ctx, ws) {
		check(tb, err)
	}
	if len(entries) > 0 {
		check(tb, from.SetPublished(ctx, entries[len(entries)-1].Seq))
	}
}

func TestReplicateSameLeaderAtTwoNodes(t *testing.T) {
	hub := newWorld(t)
	venue := twin(t, hub, "hub", "durham")
	ctx := context.Background()
	code := hub.codes[0][0]
	early, late := time.Now().Add(-10*time.Minute), time.Now().Add(-5*time.Minute)
	_, err := venue.st.CheckIn(ctx, CheckIn{ID: "venue-scan-1", Action: hub.action, Code: code,
		By: Actor{Door: hub.door[0]}, At: early})
	check(t, err)
	_, err = hub.st.CheckIn(ctx, CheckIn{ID: "hub-scan-1", Action: hub.action, Code: code,
		By: Actor{Door: hub.door[1]}, At: late})
	check(t, err)
	for range 2 { // a second exchange changes nothing
		send(t, venue.st, hub.st)
		send(t, hub.st, venue.st)
	}
	for _, n := range []*world{hub, venue} {
		if got := n.present(t, hub.inst[0]); got != 1 {
			t.Errorf("present = %d, want 1", got)
		}
	}
	res, err := hub.st.CheckIn(ctx, CheckIn{ID: "hub-scan-1", Action: hub.action, Code: code})
	check(t, err)
	if res.Status != StatusAlready || res.First == nil || res.First.Door != "durham · Puerta norte" {
		t.Fatalf("hub's later scan = %+v, want already checked in at durham · Puerta norte", res)
	}
	feed, err := hub.st.CheckInFeed(ctx, hub.action, 0, 100)
	check(t, err)
	if last := feed[len(feed)-1]; !last.Present || last.Code != code || last.Door != "durham · Puerta norte" {
		t.Errorf("the hub's feed ends with %+v, want the leader in at durham · Puerta norte", last)
	}
}

func TestReplicateUndoLetsTheOtherCount(t *testing.T) {
	hub := newWorld(t)
	venue := twin(t, hub, "hub", "durham")
	ctx := context.Background()
	code := hub.codes[1][2]
	_, err := hub.st.CheckIn(ctx, CheckIn{ID: "hub-scan-2", Action: hub.action, Code: code, At: time.Now().Add(-time.Hour)})
	check(t, err)
	_, err = venue.st.CheckIn(ctx, CheckIn{ID: "venue-scan-2", Action: hub.action, Code: code})
	check(t, err)
	send(t, hub.st, venue.st)
	send(t, venue.st, hub.st)
	_, err = hub.st.UndoCheckIn(ctx, hub.action, "hub-scan-2", Actor{})
	check(t, err)
	send(t, hub.st, venue.st)
	for _, n := range []*world{hub, venue} {
		if got := n.present(t, hub.inst[1]); got != 1 {
			t.Errorf("present = %d, want 1 (the venue's scan, once the hub's was undone)", got)
		}
	}
}

func TestReplicateWalkInAndHeadcount(t *testing.T) {
	hub := newWorld(t)
	venue := twin(t, hub, "hub", "durham")
	ctx := context.Background()
	_, err := venue.st.AddWalkIn(ctx, WalkIn{ID: "venue-walkin-1", Action: hub.action, Name: "Ana Nueva", Institution: hub.inst[1]})
	check(t, err)
	_, err = venue.st.AddHeadcount(ctx, Headcount{ID: "venue-bus-1", Action: hub.action, Institution: hub.inst[0], Count: 48})
	check(t, err)
	_, err = venue.st.AddHeadcount(ctx, Headcount{ID: "venue-bus-2", Action: hub.action, Institution: hub.inst[0], Count: 5})
	check(t, err)
	_, err = venue.st.UndoHeadcount(ctx, hub.action, "venue-bus-2", Actor{})
	check(t, err)
	send(t, venue.st, hub.st)
	if got := hub.present(t, hub.inst[1]); got != 1 {
		t.Errorf("hub: walk-in institution present = %d, want 1", got)
	}
	if got := hub.present(t, hub.inst[0]); got != 48 {
		t.Errorf("hub: headcount institution present = %d, want 48", got)
	}
	out, err := hub.st.Outbox(ctx, 0, 10)
	check(t, err)
	if len(out) != 0 {
		t.Errorf("hub outbox holds %d writes applied from the venue, want 0", len(out))
	}
}

func TestSingleNodeKeepsNoOutbox(t *testing.T) {
	w := newWorld(t)
	_, err := w.checkIn(t, "single-scan-1", w.codes[0][0], 0)
	check(t, err)
	end, err := w.st.OutboxEnd(context.Background())
	check(t, err)
	if end != 0 {
		t.Errorf("outbox end = %d, want 0 on a node with no peers", end)
	}
}

func TestScanOfLeaderCheckedInElsewhereNamesThePlace(t *testing.T) {
	hub := newWorld(t)
	venue := twin(t, hub, "hub", "durham")
	ctx := context.Background()
	_, err := hub.checkIn(t, "hub-scan-3", hub.codes[0][3], 1)
	check(t, err)
	send(t, hub.st, venue.st)
	res, err := venue.checkIn(t, "venue-scan-3", hub.codes[0][3], 0)
	check(t, err)
	if res.Status != StatusAlready || res.First == nil || res.First.Door != "hub · Puerta sur" {
		t.Fatalf("venue scan = %+v, want already checked in at hub · Puerta sur", res)
	}
	feed, err := venue.st.CheckInFeed(ctx, hub.action, 0, 10)
	check(t, err)
	if len(feed) != 1 || feed[0].Door != "hub · Puerta sur" {
		t.Errorf("venue feed = %+v, want the hub's check-in at hub · Puerta sur", feed)
	}
}
