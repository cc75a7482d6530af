package store

import (
	"context"
	"testing"
)

func TestVenueCountsSplitTheTurnoutByNode(t *testing.T) {
	hub := newWorld(t)
	venue := twin(t, hub, "hub", "durham")
	ctx := context.Background()
	_, err := hub.checkIn(t, "hub-scan-5", hub.codes[0][0], 0)
	check(t, err)
	_, err = venue.checkIn(t, "venue-scan-5", hub.codes[0][1], 0)
	check(t, err)
	_, err = venue.st.AddHeadcount(ctx, Headcount{ID: "venue-bus-5", Action: hub.action, Institution: hub.inst[1], Count: 40})
	check(t, err)
	send(t, venue.st, hub.st)
	got, err := hub.st.VenueCounts(ctx, hub.action)
	check(t, err)
	want := []VenueCount{{Venue: "durham", Present: 41}, {Venue: "hub", Present: 1}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("VenueCounts = %+v, want %+v", got, want)
	}
}
