package peer

import (
	"context"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

func TestWritesFlowUpAndAcross(t *testing.T) {
	hub := startNode(t, "hub", nil)
	a := startNode(t, "durham", hub.invite("durham"))
	b := startNode(t, "raleigh", hub.invite("raleigh"))
	eventually(t, linkWithin, "both venues linked", func() bool { return hub.linkUp("durham") && hub.linkUp("raleigh") })
	start := time.Now()
	a.j.write("scan-at-durham")
	b.j.write("scan-at-raleigh")
	a.Notify()
	b.Notify()
	eventually(t, time.Second, "both scans at the hub", func() bool {
		return hub.j.has("scan-at-durham") && hub.j.has("scan-at-raleigh")
	})
	t.Logf("both scans at the hub after %v", time.Since(start))
	eventually(t, 5*time.Second, "each venue has the other's scan", func() bool {
		return a.j.has("scan-at-raleigh") && b.j.has("scan-at-durham")
	})
	if a.j.has("scan-at-durham") {
		t.Error("durham applied its own write back")
	}
}

func TestJoinWithWrongSecretIsRefused(t *testing.T) {
	hub := startNode(t, "hub", nil)
	link := hub.invite("durham")
	link.Secret = "wrong"
	a := startNode(t, "durham", link)
	a.j.write("scan-at-durham")
	a.Notify()
	time.Sleep(3 * time.Second)
	if hub.linkUp("durham") || hub.j.has("scan-at-durham") {
		t.Fatal("a node with a wrong secret linked")
	}
}

func TestJoinWithWrongFingerprintIsRefused(t *testing.T) {
	hub := startNode(t, "hub", nil)
	link := hub.invite("durham")
	_, link.Fingerprint = testCert(t)
	startNode(t, "durham", link)
	time.Sleep(3 * time.Second)
	if hub.linkUp("durham") {
		t.Fatal("a node linked to a hub whose certificate the link does not name")
	}
}

func TestRevokedNodeIsCutOff(t *testing.T) {
	hub := startNode(t, "hub", nil)
	a := startNode(t, "durham", hub.invite("durham"))
	eventually(t, linkWithin, "durham linked", func() bool { return hub.linkUp("durham") })
	hub.g.revoke("durham")
	eventually(t, 5*time.Second, "durham cut off", func() bool { return !hub.linkUp("durham") })
	a.j.write("after-revoke")
	a.Notify()
	time.Sleep(2 * time.Second)
	if hub.j.has("after-revoke") {
		t.Fatal("a revoked node's write reached the hub")
	}
}

func TestParseLinkRoundTrip(t *testing.T) {
	l := Link{Addr: "192.0.2.7:7422", Parent: "hub", Name: "durham", Secret: "peer_abc", Fingerprint: testFP}
	got, err := ParseLink(l.String())
	if err != nil || got != l {
		t.Fatalf("ParseLink(%q) = %+v, %v; want %+v", l.String(), got, err, l)
	}
	for _, bad := range []string{"", "https://x/", "presente-peer://durham@h:1/hub?fp=" + testFP, "presente-peer://d:s@h/hub?fp=" + testFP} {
		if _, err := ParseLink(bad); err == nil {
			t.Errorf("ParseLink(%q) = nil error, want one", bad)
		}
	}
}

func TestLinkCarriesTheVenueOfAStandby(t *testing.T) {
	for _, l := range []Link{
		{Addr: "192.0.2.7:7422", Parent: "durham", Name: "durham-standby", Secret: "peer_abc", Fingerprint: testFP, Venue: "durham"},
		{Addr: "192.0.2.7:7422", Parent: "hub", Name: "raleigh", Secret: "peer_abc", Fingerprint: testFP},
	} {
		got, err := ParseLink(l.String())
		if err != nil || got != l {
			t.Errorf("ParseLink(%q) = %+v, %v; want %+v", l.String(), got, err, l)
		}
	}
}

const testFP = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

func TestVenuesKeepWritingWhileTheHubIsDown(t *testing.T) {
	hub := startNode(t, "hub", nil)
	a := startNode(t, "durham", hub.invite("durham"))
	b := startNode(t, "raleigh", hub.invite("raleigh"))
	eventually(t, linkWithin, "both venues linked", func() bool { return hub.linkUp("durham") && hub.linkUp("raleigh") })
	hub.Close()
	for _, id := range ids("durham", 50) {
		a.j.write(id)
	}
	for _, id := range ids("raleigh", 50) {
		b.j.write(id)
	}
	a.Notify()
	b.Notify()
	eventually(t, 5*time.Second, "venues published while apart", func() bool {
		pa, _ := a.j.Published(t.Context())
		pb, _ := b.j.Published(t.Context())
		return pa == 50 && pb == 50
	})
	hub.restart(t, 0)
	start := time.Now()
	eventually(t, 60*time.Second, "everything everywhere", func() bool {
		return hub.j.count() == 100 && a.j.count() == 50 && b.j.count() == 50
	})
	t.Logf("converged %v after the hub came back", time.Since(start))
}

func TestJoinedNodeCannotTouchTheHubsStreams(t *testing.T) {
	hub := startNode(t, "hub", nil)
	a := startNode(t, "durham", hub.invite("durham"))
	b := startNode(t, "raleigh", hub.invite("raleigh"))
	eventually(t, linkWithin, "both venues linked", func() bool { return hub.linkUp("durham") && hub.linkUp("raleigh") })
	// durham, its own server in hand, writes into the hub's UP as if it were the hub.
	if err := a.nc.Publish("up.hub.checkin", []byte("spoofed")); err != nil {
		t.Fatal(err)
	}
	hubJS, err := jetstream.NewWithDomain(a.nc, "hub")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := hubJS.DeleteStream(ctx, streamAll); err == nil {
		t.Error("durham deleted the hub's stream ALL")
	}
	a.j.write("honest")
	a.Notify()
	eventually(t, 5*time.Second, "honest write across", func() bool { return b.j.has("honest") })
	if b.j.has("spoofed") || hub.j.count() != 1 {
		t.Errorf("a write durham published as the hub reached raleigh or the hub")
	}
}

func TestWritesTheHubRefusesGoNowhere(t *testing.T) {
	hub := startNode(t, "hub", nil)
	a := startNode(t, "durham", hub.invite("durham"))
	b := startNode(t, "raleigh", hub.invite("raleigh"))
	hub.j.refuse("durham") // as if durham shared none of these actions
	eventually(t, linkWithin, "both venues linked", func() bool { return hub.linkUp("durham") && hub.linkUp("raleigh") })
	a.j.write("refused")
	b.j.write("allowed")
	a.Notify()
	b.Notify()
	eventually(t, 5*time.Second, "raleigh's write everywhere", func() bool {
		return hub.j.has("allowed") && a.j.has("allowed")
	})
	time.Sleep(time.Second)
	if hub.j.has("refused") || b.j.has("refused") {
		t.Error("a write the hub refused reached the hub or raleigh")
	}
}

func TestRoute(t *testing.T) {
	for _, tc := range []struct{ subject, via, origin, action string }{
		{"up.hub.a1.checkin", "", "hub", "a1"},
		{"up.durham.tree", "", "durham", ""},
		{"via.durham.up.durham.a1.checkin", "durham", "durham", "a1"},
		{"via.durham.via.standby.up.standby.a2.undo", "durham", "standby", "a2"},
		{"via.durham.via.standby.up.standby.tree", "durham", "standby", ""},
		{"all.a1.via.durham.up.durham.a1.checkin", "", "durham", "a1"},
		{"all.a2.up.hub.a2.headcount", "", "hub", "a2"},
		{"all.up.up.up.up.checkin", "", "up", "up"},
		{"nonsense", "", "", ""},
		{"down.a1.durham.up.durham.a1.checkin", "", "durham", "a1"},
		{"down.a2.durham.via.durham-standby.up.durham-standby.a2.undo", "", "durham-standby", "a2"},
	} {
		via, origin, action := route(tc.subject)
		if via != tc.via || origin != tc.origin || action != tc.action {
			t.Errorf("route(%q) = %q, %q, %q; want %q, %q, %q", tc.subject, via, origin, action, tc.via, tc.origin,
				tc.action)
		}
	}
}

func TestRosterFlowsDownToEveryVenue(t *testing.T) {
	hub := startNode(t, "hub", nil)
	a := startNode(t, "durham", hub.invite("durham"))
	s := startNode(t, "durham-standby", a.invite("durham-standby"))
	hub.j.roster("leader-1")
	hub.j.roster("leader-2")
	hub.Notify()
	eventually(t, 15*time.Second, "the roster at the venue and its standby", func() bool {
		return a.j.has("roster:leader-2") && s.j.has("roster:leader-2")
	})
}

// TestPrimaryHandsItsWritesToItsStandbyWhileTheHubIsDown: a venue's
// primary and its standby hear each other's writes over their own link,
// not by way of the hub, so they do while the hub is down.
func TestPrimaryHandsItsWritesToItsStandbyWhileTheHubIsDown(t *testing.T) {
	hub := startNode(t, "hub", nil)
	a := startNode(t, "durham", hub.invite("durham"))
	s := startNode(t, "durham-standby", a.invite("durham-standby"))
	eventually(t, linkWithin, "the tree linked", func() bool { return hub.linkUp("durham") && a.linkUp("durham-standby") })
	hub.Close()
	a.j.write("primary-apart")
	s.j.write("standby-apart")
	a.Notify()
	s.Notify()
	start := time.Now()
	eventually(t, 2*time.Second, "each has the other's write, the hub down", func() bool {
		return s.j.has("primary-apart") && a.j.has("standby-apart")
	})
	t.Logf("the primary's write at its standby after %v, the hub down", time.Since(start))
	hub.restart(t, 0)
	eventually(t, 30*time.Second, "both writes at the hub", func() bool {
		return hub.j.has("primary-apart") && hub.j.has("standby-apart")
	})
	time.Sleep(time.Second) // the copies that came by way of the hub
	if s.j.has("standby-apart") || a.j.has("primary-apart") {
		t.Error("a node applied its own write back")
	}
	// The hub's copy is the one each already holds, under the same message
	// id; and the primary does not take again what it handed down itself.
	if got, got2 := s.j.tries("primary-apart"), a.j.tries("standby-apart"); got != 1 || got2 != 1 {
		t.Errorf("the standby tried the primary's write %d times, the primary the standby's %d; want 1 each", got, got2)
	}
}

// TestVenueThatTakesOthersLaterHandsDownWhatItMadeBefore: a venue started
// without --peers, then again with them to take a standby while its link
// to the hub is down, hands the standby the writes it made before too.
func TestVenueThatTakesOthersLaterHandsDownWhatItMadeBefore(t *testing.T) {
	hub := startNode(t, "hub", nil)
	a := startNodeOn(t, "durham", hub.invite("durham"), "")
	a.j.write("before-peers")
	a.Notify()
	eventually(t, 10*time.Second, "durham's write at the hub", func() bool { return hub.j.has("before-peers") })
	hub.Close()
	cfg := a.cfg
	cfg.Listen = "127.0.0.1:0"
	a.restartWith(t, 0, cfg)
	a.j.write("after-peers")
	a.Notify()
	s := startNode(t, "durham-standby", a.invite("durham-standby"))
	eventually(t, 10*time.Second, "both of durham's writes at its standby, the hub down", func() bool {
		return s.j.has("before-peers") && s.j.has("after-peers")
	})
}
