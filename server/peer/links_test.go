package peer

import (
	"testing"
	"time"
)

// link is tn's link to the node called name as it last saw it.
func (tn *testNode) link(name string) LinkState {
	for _, l := range tn.Links() {
		if l.Name == name {
			return l
		}
	}
	return LinkState{}
}

// marked reports whether tn keeps on disk where the node called name
// took to: what its count of writes waiting out while apart starts from.
func (tn *testNode) marked(name string) bool {
	marks, err := loadMarks(tn.cfg.Dir)
	_, ok := marks[name]
	return err == nil && ok
}

// stop stops tn as a laptop switched off; restart starts it again.
func (tn *testNode) stop() { tn.Close() }

// venueTakenUp starts a hub and durham linked to it, with durham's first
// write at the hub and where the hub took to marked at durham.
func venueTakenUp(t *testing.T) (hub, a *testNode) {
	t.Helper()
	hub = startNode(t, "hub", nil)
	a = startNode(t, "durham", hub.invite("durham"))
	eventually(t, linkWithin, "durham linked", func() bool { return a.linkUp("hub") })
	a.j.write("before")
	a.Notify()
	eventually(t, 5*time.Second, "the first scan at the hub", func() bool { return hub.j.has("before") })
	eventually(t, 5*time.Second, "nothing waiting out", func() bool {
		return a.link("hub").WaitingOut == 0 && a.marked("hub")
	})
	return hub, a
}

// hubBackTakesTheRest starts the stopped hub again: the writes durham made
// apart reach it, and nothing waits out any more.
func hubBackTakesTheRest(t *testing.T, hub, a *testNode) {
	t.Helper()
	hub.restart(t, 0)
	eventually(t, 20*time.Second, "the writes made apart at the hub", func() bool {
		return hub.j.has("apart-1") && hub.j.has("apart-2")
	})
	eventually(t, 10*time.Second, "nothing waiting out once the hub caught up", func() bool {
		l := a.link("hub")
		return l.Up && l.WaitingOut == 0
	})
}

func TestWaitingOutGrowsWhileTheParentIsAway(t *testing.T) {
	hub, a := venueTakenUp(t)

	hub.stop()
	eventually(t, 10*time.Second, "the link to the hub down", func() bool { return !a.linkUp("hub") })
	a.j.write("apart-1")
	a.j.write("apart-2")
	a.Notify()
	eventually(t, 5*time.Second, "two writes waiting out while apart", func() bool {
		return a.link("hub").WaitingOut >= 2
	})

	hubBackTakesTheRest(t, hub, a)
}

// A venue laptop restarted while the hub is away still says what waits for
// the hub: the mark of where the hub took to outlives the process.
func TestWaitingOutCountsAfterARestartWhileApart(t *testing.T) {
	hub, a := venueTakenUp(t)

	hub.stop()
	a.restart(t, 0)
	a.j.write("apart-1")
	a.j.write("apart-2")
	a.Notify()
	eventually(t, 5*time.Second, "the writes made apart published here", func() bool {
		sent, _ := a.j.Published(t.Context())
		return sent == 3
	})
	time.Sleep(2 * watchEvery) // so the link's state is looked at after they were
	eventually(t, 5*time.Second, "two writes waiting out after the restart", func() bool {
		l := a.link("hub")
		return !l.Up && l.WaitingOut >= 2
	})
	t.Logf("waiting out after the restart: %d", a.link("hub").WaitingOut)

	hubBackTakesTheRest(t, hub, a)
}

func TestWaitingOutGrowsWhileAChildIsAway(t *testing.T) {
	hub := startNode(t, "hub", nil)
	a := startNode(t, "durham", hub.invite("durham"))
	eventually(t, linkWithin, "durham linked", func() bool { return hub.linkUp("durham") })
	hub.j.write("before")
	hub.Notify()
	eventually(t, 5*time.Second, "the first scan at durham", func() bool { return a.j.has("before") })
	eventually(t, 5*time.Second, "nothing waiting out", func() bool {
		return hub.link("durham").WaitingOut == 0 && hub.marked("durham")
	})

	a.stop()
	eventually(t, 10*time.Second, "the link to durham down", func() bool { return !hub.linkUp("durham") })
	hub.j.write("apart-1")
	hub.j.write("apart-2")
	hub.Notify()
	eventually(t, 5*time.Second, "two writes waiting out towards durham", func() bool {
		return hub.link("durham").WaitingOut >= 2
	})

	a.restart(t, 0)
	eventually(t, 20*time.Second, "the writes made apart at durham", func() bool {
		return a.j.has("apart-1") && a.j.has("apart-2")
	})
	eventually(t, 10*time.Second, "nothing waiting out once durham caught up", func() bool {
		l := hub.link("durham")
		return l.Up && l.WaitingOut == 0
	})
}

func TestRevokedNodeSeesItsLinkRefused(t *testing.T) {
	hub := startNode(t, "hub", nil)
	a := startNode(t, "durham", hub.invite("durham"))
	eventually(t, linkWithin, "durham linked", func() bool { return a.linkUp("hub") })
	if a.link("hub").Refused {
		t.Fatal("a link up reads as refused")
	}
	hub.g.revoke("durham")
	eventually(t, 10*time.Second, "durham sees the hub refuse it", func() bool {
		l := a.link("hub")
		return !l.Up && l.Refused
	})
}
