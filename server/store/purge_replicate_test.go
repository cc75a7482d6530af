package store

import (
	"context"
	"fmt"
	"testing"
)

// checkInRows counts the check-in rows a node keeps of the action.
func checkInRows(tb testing.TB, w *world) int {
	tb.Helper()
	var n int
	check(tb, w.st.read.QueryRow(`SELECT count(*) FROM checkins WHERE action_id = ?`, w.action).Scan(&n))
	return n
}

func TestPurgeReplicatesOnceAndKeepsTheSplit(t *testing.T) {
	hub := newWorld(t)
	durham := twin(t, hub, "hub", "durham")
	ctx := context.Background()
	for i, n := range []*world{durham, durham, hub} {
		_, err := n.checkIn(t, fmt.Sprintf("purge-scan-%d", i), hub.codes[0][i], 0)
		check(t, err)
	}
	send(t, durham.st, hub.st)
	send(t, hub.st, durham.st)
	entries, err := durham.st.Outbox(ctx, 0, 100)
	check(t, err)
	if _, err := hub.st.PurgeAction(ctx, hub.action, Actor{}); err != nil {
		t.Fatal(err)
	}
	for range 2 { // a second exchange changes nothing
		send(t, hub.st, durham.st)
	}
	var again []Write // durham's check-ins reach the hub a second time, by another path
	for _, e := range entries {
		again = append(again, e.Write)
	}
	for _, err := range hub.st.ApplyWrites(ctx, again) {
		check(t, err)
	}
	want := []VenueCount{{Venue: "durham", Present: 2}, {Venue: "hub", Present: 1}}
	for _, n := range []*world{hub, durham} {
		if got := n.present(t, hub.inst[0]); got != 3 {
			t.Errorf("present after the purge = %d, want 3", got)
		}
		if got := checkInRows(t, n); got != 0 {
			t.Errorf("%d check-in rows left after the purge, want 0", got)
		}
		got, err := n.st.VenueCounts(ctx, hub.action)
		check(t, err)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("VenueCounts after the purge = %+v, want %+v", got, want)
		}
	}
	var sent int
	check(t, hub.st.read.QueryRow(`SELECT count(*) FROM peer_outbox WHERE kind = 'headcount'`).Scan(&sent))
	if sent != 0 {
		t.Errorf("the purge's headcounts went out %d times, want never: every node purges its own", sent)
	}
}

func TestPurgeWaitsForTheNodesOwnCheckInsToGoOut(t *testing.T) {
	hub := newWorld(t)
	durham := twin(t, hub, "hub", "durham")
	ctx := context.Background()
	_, err := durham.checkIn(t, "purge-wait-1", hub.codes[0][0], 0)
	check(t, err)
	if _, err := durham.st.PurgeAction(ctx, hub.action, Actor{}); err == nil {
		t.Fatal("a purge with a check-in not yet sent went through, want it refused until sent")
	}
	send(t, durham.st, hub.st)
	if _, err := durham.st.PurgeAction(ctx, hub.action, Actor{}); err != nil {
		t.Fatalf("purge once sent: %v", err)
	}
}
