package store

import (
	"context"
	"errors"
	"fmt"
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

// standby is a node that joined venue's primary, started from a copy of
// the hub's database, as a standby laptop is.
func standby(tb testing.TB, hub *world, venue, name string) *world {
	tb.Helper()
	ctx := context.Background()
	s := twin(tb, hub, "hub", name)
	check(tb, s.st.SetSelf(ctx, name, venue))
	check(tb, s.st.SetVenue(ctx, venue))
	return s
}

func TestVenueCountsPutAStandbysScansInItsVenue(t *testing.T) {
	hub := newWorld(t)
	durham := twin(t, hub, "hub", "durham")
	spare := standby(t, hub, "durham", "durham-standby")
	raleigh := twin(t, hub, "hub", "raleigh")
	ctx := context.Background()
	for i, n := range []*world{durham, spare, spare, raleigh} {
		_, err := n.checkIn(t, fmt.Sprintf("venue-scan-%d", i), hub.codes[0][i], 0)
		check(t, err)
	}
	_, err := hub.checkIn(t, "hub-scan-1", hub.codes[1][0], 0)
	check(t, err)
	send(t, spare.st, durham.st) // the standby's link to its primary
	for _, n := range []*world{durham, spare, raleigh} {
		send(t, n.st, hub.st) // the standby's writes reach the hub through its primary's stream
	}
	got, err := hub.st.VenueCounts(ctx, hub.action)
	check(t, err)
	want := []VenueCount{{Venue: "durham", Present: 3}, {Venue: "hub", Present: 1}, {Venue: "raleigh", Present: 1}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("the hub's VenueCounts = %+v, want %+v", got, want)
	}
	hall, err := durham.st.HallCounts(ctx, hub.action, "durham")
	check(t, err)
	if len(hall) != 1 || hall[hub.inst[0]] != 3 {
		t.Errorf("durham's own hall = %v, want 3 of institution %d (its standby's scans included)", hall, hub.inst[0])
	}
	check(t, hub.st.SetVenueShare(ctx, hub.action, "raleigh", 4))
	got, err = hub.st.VenueCounts(ctx, hub.action)
	check(t, err)
	if got[2] != (VenueCount{Venue: "raleigh", Present: 1, Share: 4}) {
		t.Errorf("raleigh's part = %+v, want 1 present of a share of 4", got[2])
	}
}

// closings counts the closings a node keeps with client id.
func closings(tb testing.TB, st *Store, id string) int {
	tb.Helper()
	var n int
	check(tb, st.read.QueryRow(`SELECT count(*) FROM credential_closings WHERE client_id = ?`, id).Scan(&n))
	return n
}

// lastClosing is the client id of the node's latest closing of its own.
func lastClosing(tb testing.TB, st *Store) string {
	tb.Helper()
	var id string
	check(tb, st.read.QueryRow(`SELECT client_id FROM credential_closings WHERE origin IS NULL ORDER BY id DESC LIMIT 1`).Scan(&id))
	return id
}

func TestCredentialsClosePerVenueAndForTheWholeOnce(t *testing.T) {
	hub := newWorld(t)
	durham := twin(t, hub, "hub", "durham")
	raleigh := twin(t, hub, "hub", "raleigh")
	ctx := context.Background()
	for i, n := range []*world{durham, durham, raleigh} {
		_, err := n.checkIn(t, fmt.Sprintf("close-scan-%d", i), hub.codes[0][i], 0)
		check(t, err)
	}
	exchange := func() {
		for range 2 { // a second exchange changes nothing
			for _, from := range []*world{durham, raleigh, hub} {
				for _, to := range []*world{durham, raleigh, hub} {
					if from != to {
						send(t, from.st, to.st)
					}
				}
			}
		}
	}
	exchange()
	mine, err := durham.st.CloseCredentials(ctx, hub.action, Actor{}, false)
	check(t, err)
	if mine.Venue != "durham" || mine.Delegation != 2 {
		t.Fatalf("durham closes %q with %d, want its own hall with 2", mine.Venue, mine.Delegation)
	}
	whole, err := hub.st.CloseCredentials(ctx, hub.action, Actor{}, false)
	check(t, err)
	if whole.Venue != "" || whole.Delegation != 3 {
		t.Fatalf("the hub closes %q with %d, want the whole action with 3", whole.Venue, whole.Delegation)
	}
	exchange()
	for _, n := range []*world{hub, durham, raleigh} {
		for _, id := range []string{lastClosing(t, durham.st), lastClosing(t, hub.st)} {
			if got := closings(t, n.st, id); got != 1 {
				t.Errorf("closing %s kept %d times, want once", id, got)
			}
		}
		d, err := n.st.CredentialsOf(ctx, hub.action, "durham")
		check(t, err)
		w, err := n.st.CredentialsOf(ctx, hub.action, "")
		check(t, err)
		if !d.Closed || d.Delegation != 2 || !w.Closed || w.Delegation != 3 {
			t.Errorf("durham's hall %+v and the whole %+v, want 2 and 3 frozen on every node", d, w)
		}
	}
	if own, err := raleigh.st.Credentials(ctx, hub.action); err != nil || own.Closed || own.Venue != "raleigh" {
		t.Errorf("raleigh's own credentials = %+v, %v, want its hall still open", own, err)
	}
	if own, err := durham.st.Credentials(ctx, hub.action); err != nil || own.Delegation != 2 {
		t.Errorf("durham's own credentials = %+v, %v, want its hall's 2", own, err)
	}
}

func TestClosingAgainAtAVenueWinsEverywhereInAnyOrder(t *testing.T) {
	hub := newWorld(t)
	durham := twin(t, hub, "hub", "durham")
	ctx := context.Background()
	_, err := durham.checkIn(t, "again-scan-1", hub.codes[0][0], 0)
	check(t, err)
	_, err = durham.st.CloseCredentials(ctx, hub.action, Actor{}, false)
	check(t, err)
	if _, err := durham.st.CloseCredentials(ctx, hub.action, Actor{}, false); !errors.Is(err, ErrCredentialsClosed) {
		t.Fatalf("closing twice = %v, want ErrCredentialsClosed", err)
	}
	_, err = durham.checkIn(t, "again-scan-2", hub.codes[0][1], 0)
	check(t, err)
	_, err = durham.st.CloseCredentials(ctx, hub.action, Actor{}, true)
	check(t, err)
	entries, err := durham.st.Outbox(ctx, 0, 100)
	check(t, err)
	var ws []Write
	for _, e := range entries {
		ws = append([]Write{e.Write}, ws...) // the latest first
	}
	for _, err := range hub.st.ApplyWrites(ctx, ws) {
		check(t, err)
	}
	got, err := hub.st.CredentialsOf(ctx, hub.action, "durham")
	check(t, err)
	if got.Delegation != 2 || got.Revision != 2 {
		t.Errorf("durham's hall at the hub = %d (revision %d), want the second closing's 2 (revision 2)",
			got.Delegation, got.Revision)
	}
}
