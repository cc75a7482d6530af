package store

import (
	"context"
	"errors"
	"testing"
)

// network is a hub, a venue that joined it (durham) and the venue's
// standby, each started from a copy of the hub's database.
type network struct{ hub, venue, spare *world }

func newNetwork(tb testing.TB) network {
	tb.Helper()
	hub := newWorld(tb)
	return network{hub: hub, venue: twin(tb, hub, "hub", "durham"), spare: standby(tb, hub, "durham", "durham-standby")}
}

// nodes is every node of the network, with its name for messages.
func (n network) nodes() map[string]*Store {
	return map[string]*Store{"hub": n.hub.st, "durham": n.venue.st, "durham-standby": n.spare.st}
}

// exchange does what the links do, twice over (a second round changes
// nothing): each node's writes reach every other node (a standby's come up
// its venue's UP to the hub, and the hub hands every write it took to
// every node's ALL), and the hub's roster comes down to the others.
func (n network) exchange(tb testing.TB) {
	tb.Helper()
	for range 2 {
		for _, from := range []*Store{n.spare.st, n.venue.st, n.hub.st} {
			spread(tb, from, n.hub.st, n.venue.st, n.spare.st)
		}
		sendRosterTo(tb, n.hub.st, n.venue.st, n.spare.st)
	}
}

// spread applies every write of from's outbox at each other node of to,
// then marks them published at from.
func spread(tb testing.TB, from *Store, to ...*Store) {
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
	for _, st := range to {
		if st == from {
			continue
		}
		for _, err := range st.ApplyWrites(ctx, ws) {
			check(tb, err)
		}
	}
	if len(entries) > 0 {
		check(tb, from.SetPublished(ctx, entries[len(entries)-1].Seq))
	}
}

// sendRosterTo applies every record of the hub's roster outbox, as it now
// is, at each node of to (a record's last version, as ROSTER keeps it).
func sendRosterTo(tb testing.TB, hub *Store, to ...*Store) {
	tb.Helper()
	rs := rosterRecords(tb, hub)
	for _, st := range to {
		for _, err := range st.ApplyRoster(context.Background(), rs) {
			check(tb, err)
		}
	}
}

// pair re-pairs door of action at st by QR and returns the phone's token.
func pair(tb testing.TB, st *Store, action, door int64) string {
	tb.Helper()
	ctx := context.Background()
	p, err := st.CreatePairing(ctx, action, door)
	check(tb, err)
	_, token, err := st.ClaimPairing(ctx, p.Code)
	check(tb, err)
	return token
}

// doorAt is the local id of the door holding token at st.
func doorAt(tb testing.TB, st *Store, token string) int64 {
	tb.Helper()
	d, err := st.DoorByToken(context.Background(), token)
	check(tb, err)
	return d.ID
}

// wantToken checks that every node accepts token as the door called name,
// in force, and refuses each of old (unknown or revoked).
func (n network) wantToken(tb testing.TB, token, name string, old ...string) {
	tb.Helper()
	ctx := context.Background()
	for node, st := range n.nodes() {
		d, err := st.DoorByToken(ctx, token)
		switch {
		case err != nil:
			tb.Errorf("%s: the door's current token: %v", node, err)
		case d.Revoked != nil || d.Name != name:
			tb.Errorf("%s: the door's current token opens %+v, want %q in force", node, d, name)
		}
		for i, o := range old {
			if d, err := st.DoorByToken(ctx, o); err == nil && d.Revoked == nil {
				tb.Errorf("%s: earlier token %d still opens door %q", node, i, d.Name)
			} else if err != nil && !errors.Is(err, ErrNotFound) {
				tb.Errorf("%s: earlier token %d: %v", node, i, err)
			}
		}
	}
}

// wantRevoked checks that no node lets any of tokens in.
func (n network) wantRevoked(tb testing.TB, tokens ...string) {
	tb.Helper()
	for node, st := range n.nodes() {
		for i, tok := range tokens {
			if d, err := st.DoorByToken(context.Background(), tok); err == nil && d.Revoked == nil {
				tb.Errorf("%s: token %d of a revoked door still opens %q", node, i, d.Name)
			}
		}
	}
}

func TestDoorPairedAtAVenueWorksAtEveryNode(t *testing.T) {
	n := newNetwork(t)
	n.exchange(t)
	token := pair(t, n.venue.st, n.hub.action, n.hub.door[0])
	n.exchange(t)
	n.wantToken(t, token, "Puerta norte")
}

func TestDoorMadeAtAVenueReachesItsStandbyAndTheHub(t *testing.T) {
	n := newNetwork(t)
	n.exchange(t)
	_, first, err := n.venue.st.CreateDoor(context.Background(), n.hub.action, "Puerta del patio")
	check(t, err)
	n.exchange(t)
	n.wantToken(t, first, "Puerta del patio")
	second := pair(t, n.spare.st, n.hub.action, doorAt(t, n.spare.st, first))
	n.exchange(t)
	n.wantToken(t, second, "Puerta del patio", first)
}

func TestRepairedDoorsOldTokenIsRefusedEverywhere(t *testing.T) {
	for _, at := range []string{"hub", "durham", "durham-standby"} {
		t.Run(at, func(t *testing.T) {
			n := newNetwork(t)
			_, first, err := n.hub.st.CreateDoor(context.Background(), n.hub.action, "Puerta este")
			check(t, err)
			n.exchange(t)
			st := n.nodes()[at]
			second := pair(t, st, n.hub.action, doorAt(t, st, first))
			n.exchange(t)
			n.wantToken(t, second, "Puerta este", first)
			third := pair(t, n.hub.st, n.hub.action, doorAt(t, n.hub.st, second))
			n.exchange(t)
			n.wantToken(t, third, "Puerta este", first, second)
		})
	}
}

func TestDoorRevokedAtAnyNodeIsRevokedEverywhere(t *testing.T) {
	for _, at := range []string{"hub", "durham", "durham-standby"} {
		t.Run(at, func(t *testing.T) {
			n := newNetwork(t)
			_, first, err := n.hub.st.CreateDoor(context.Background(), n.hub.action, "Puerta este")
			check(t, err)
			n.exchange(t)
			second := pair(t, n.venue.st, n.hub.action, doorAt(t, n.venue.st, first))
			n.exchange(t)
			st := n.nodes()[at]
			check(t, st.RevokeDoor(context.Background(), n.hub.action, doorAt(t, st, second)))
			n.exchange(t)
			n.wantRevoked(t, first, second)
		})
	}
}

// Two changes made apart (the hub re-pairs the door while the venue, cut
// off, re-pairs it too) settle on the same token at every node, whatever
// order they meet in; a revocation made apart stays.
func TestDoorChangedApartSettlesTheSameEverywhere(t *testing.T) {
	n := newNetwork(t)
	_, first, err := n.hub.st.CreateDoor(context.Background(), n.hub.action, "Puerta este")
	check(t, err)
	n.exchange(t)
	atHub := pair(t, n.hub.st, n.hub.action, doorAt(t, n.hub.st, first))
	atVenue := pair(t, n.venue.st, n.hub.action, doorAt(t, n.venue.st, first))
	spread(t, n.venue.st, n.spare.st) // the standby hears the venue first, the hub its own
	n.exchange(t)
	won, lost := atHub, atVenue
	if d, err := n.hub.st.DoorByToken(context.Background(), atVenue); err == nil && d.Revoked == nil {
		won, lost = atVenue, atHub
	}
	n.wantToken(t, won, "Puerta este", first, lost)

	later := pair(t, n.spare.st, n.hub.action, doorAt(t, n.spare.st, won))
	check(t, n.hub.st.RevokeDoor(context.Background(), n.hub.action, doorAt(t, n.hub.st, won)))
	n.exchange(t)
	n.wantRevoked(t, first, atHub, atVenue, later)
}
