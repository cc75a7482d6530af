package peer

import (
	"context"
	"slices"
	"testing"
	"time"
)

// TestStandbyIsToldUpTheTree: a venue tells the hub of the standby that
// joined it, before the standby's first write, and that write reaches the
// hub and the other venue.
func TestStandbyIsToldUpTheTree(t *testing.T) {
	hub := startNode(t, "hub", nil)
	a := startNode(t, "durham", hub.invite("durham"))
	b := startNode(t, "raleigh", hub.invite("raleigh"))
	s := startNode(t, "durham-standby", a.invite("durham-standby"))
	eventually(t, linkWithin, "every link up", func() bool {
		return hub.linkUp("durham") && hub.linkUp("raleigh") && a.linkUp("durham-standby")
	})
	s.j.write("scan-at-standby")
	s.Notify()
	eventually(t, 10*time.Second, "the standby's scan at the hub and raleigh", func() bool {
		return hub.j.has("scan-at-standby") && b.j.has("scan-at-standby") && a.j.has("scan-at-standby")
	})
	if told := hub.g.told("durham"); !slices.ContainsFunc(told, func(b Below) bool { return b.Name == "durham-standby" }) {
		t.Errorf("durham told the hub %+v, want its standby", told)
	}
}

// TestChildLetInWhileTheTreeIsReadIsToldFirst: "peer add" at durham lands
// just after durham read the tree it tells the hub. The standby's writes
// must still reach the hub: the hub refuses for good a write from a node
// it was not told of, so durham may follow a child only once it told of it.
func TestChildLetInWhileTheTreeIsReadIsToldFirst(t *testing.T) {
	hub := startNode(t, "hub", nil)
	a := startNode(t, "durham", hub.invite("durham"))
	eventually(t, linkWithin, "durham linked", func() bool { return a.linkUp("hub") })
	added := make(chan *Link, 1)
	a.g.onTreeRead(func() {
		added <- a.invite("durham-standby")
		// durham's next read of its tree is slow (a busy disk): what it
		// follows meanwhile must already have been told of.
		a.g.onTreeRead(func() { time.Sleep(8 * time.Second) })
	})
	var link *Link
	select {
	case link = <-added:
	case <-time.After(30 * time.Second):
		t.Fatal("durham read no tree in 30 s")
	}
	s := startNode(t, "durham-standby", link)
	s.j.write("first-at-standby")
	s.Notify()
	eventually(t, 10*time.Second, "the standby's first write at durham", func() bool { return a.j.has("first-at-standby") })
	eventually(t, 10*time.Second, "the standby's first write at the hub", func() bool {
		return hub.j.has("first-at-standby")
	})
}

// TestRestartedNodeDoesNotTellTheSameTreeAgain: a venue started again with
// the same nodes below it adds nothing to its UP, where a word told again
// would wait for the hub as a write while the link is down.
func TestRestartedNodeDoesNotTellTheSameTreeAgain(t *testing.T) {
	hub := startNode(t, "hub", nil)
	a := startNode(t, "durham", hub.invite("durham"))
	eventually(t, linkWithin, "durham linked", func() bool { return a.linkUp("hub") })
	told := func() uint64 {
		s, err := a.js.Stream(t.Context(), streamUp)
		if err != nil {
			return 0
		}
		return s.CachedInfo().State.Msgs
	}
	eventually(t, 5*time.Second, "durham told the hub of its part", func() bool { return told() == 1 })

	hub.stop()
	a.restart(t, 0)
	a.j.write("apart")
	a.Notify()
	eventually(t, 5*time.Second, "the write made apart in durham's UP", func() bool { return told() >= 2 })
	time.Sleep(2 * watchEvery) // a start tells its part within its first look at the links
	if got := told(); got != 2 {
		t.Errorf("durham's UP holds %d after the restart, want 2: its tree once and the write", got)
	}
}

// TestHostileVenueCannotClaimAnotherOrigin: durham, its own server in
// hand, puts into its UP writes that say they were made at raleigh, at the
// hub and at a node nobody told of. The hub takes none of them, and none
// reaches raleigh; durham's own write still does.
func TestHostileVenueCannotClaimAnotherOrigin(t *testing.T) {
	hub := startNode(t, "hub", nil)
	a := startNode(t, "durham", hub.invite("durham"))
	b := startNode(t, "raleigh", hub.invite("raleigh"))
	eventually(t, linkWithin, "both venues linked", func() bool { return hub.linkUp("durham") && hub.linkUp("raleigh") })
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	cfg := a.upConfig(a.children)
	cfg.Subjects = []string{"up.>", "via.>"}
	if _, err := a.js.UpdateStream(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	for subject, data := range map[string]string{"up.raleigh.checkin": "forged-raleigh", "up.hub.checkin": "forged-hub",
		"up.nobody.checkin": "forged-nobody", "via.raleigh.up.raleigh.checkin": "forged-via"} {
		if _, err := a.js.Publish(ctx, subject, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	a.j.write("honest")
	a.Notify()
	eventually(t, 10*time.Second, "durham's honest write at raleigh", func() bool { return b.j.has("honest") })
	time.Sleep(500 * time.Millisecond)
	for _, forged := range []string{"forged-raleigh", "forged-hub", "forged-nobody", "forged-via"} {
		if hub.j.has(forged) || b.j.has(forged) {
			t.Errorf("%s reached the hub or raleigh", forged)
		}
	}
}
