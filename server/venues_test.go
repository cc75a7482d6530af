package server

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"presente/server/peer"
)

// venueNet is a hub, two venues and a standby of the first, each a server
// of its own on loopback, linked over NATS as in a hall.
type venueNet struct {
	f                           fixture
	hub, durham, raleigh, spare *testServer
	hubNode                     *peer.Node
}

// startVenueNet seeds the hub, starts the venues and the standby from
// copies of its database, and links them: durham and raleigh join the hub,
// durham-standby joins durham and counts in durham's hall.
func startVenueNet(t *testing.T) *venueNet {
	t.Helper()
	n := &venueNet{hub: newTestServer(t)}
	n.f = n.hub.seed(t)
	n.durham = startTestServer(t, copyData(t, n.hub))
	n.raleigh = startTestServer(t, copyData(t, n.hub))
	n.spare = startTestServer(t, copyData(t, n.hub))
	hubNode := startNode(t, n.hub, peer.Config{Name: "hub", Dir: filepath.Join(n.hub.Dir, "nats"),
		Listen: "127.0.0.1:0", Cert: nodeCert(t, n.hub).TLS})
	durhamLink := invite(t, n.hub, hubNode, "hub", "durham", "")
	durhamNode := startNode(t, n.durham, peer.Config{Name: "durham", Dir: filepath.Join(n.durham.Dir, "nats"),
		Listen: "127.0.0.1:0", Cert: nodeCert(t, n.durham).TLS, Join: &durhamLink})
	raleighLink := invite(t, n.hub, hubNode, "hub", "raleigh", "")
	startNode(t, n.raleigh, peer.Config{Name: "raleigh", Dir: filepath.Join(n.raleigh.Dir, "nats"), Join: &raleighLink})
	n.hubNode = hubNode
	spareLink := invite(t, n.durham, durhamNode, "durham", "durham-standby", "durham")
	startNode(t, n.spare, peer.Config{Name: "durham-standby", Dir: filepath.Join(n.spare.Dir, "nats"), Join: &spareLink})
	return n
}

// invite allows a node called name to join ts's node and returns its link,
// as "presente peer add" prints it.
func invite(t *testing.T, ts *testServer, node *peer.Node, self, name, venue string) peer.Link {
	t.Helper()
	secret, err := ts.Store().AddPeer(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return peer.Link{Addr: node.LeafAddr(), Parent: self, Name: name, Secret: secret,
		Fingerprint: peer.NormalizeFingerprint(nodeCert(t, ts).Fingerprint), Venue: venue}
}

// venuesView is GET …/venues as a projector reads it.
type venuesView struct {
	Self   string
	Hub    bool
	Venues []struct {
		Venue   string
		Present int
	}
	Hall map[string]int
	Link *struct{ Up bool }
}

func (v venuesView) split() map[string]int {
	out := map[string]int{}
	for _, x := range v.Venues {
		out[x.Venue] = x.Present
	}
	return out
}

func (v venuesView) hall() int {
	n := 0
	for _, x := range v.Hall {
		n += x
	}
	return n
}

func readVenues(t *testing.T, ts *testServer, f fixture) venuesView {
	t.Helper()
	st, body := ts.call(t, "GET", fmt.Sprintf("/api/actions/%d/venues", f.Action), f.Display, nil)
	var v venuesView
	if err := json.Unmarshal(body, &v); st != 200 || err != nil {
		t.Fatalf("GET venues = %d %s", st, body)
	}
	return v
}

// scanAt checks in the nth code of institution at ts, through the door.
func (n *venueNet) scanAt(t *testing.T, ts *testServer, id, institution string, nth int) {
	t.Helper()
	body := map[string]string{"id": id, "code": n.f.Codes[institution][nth]}
	if st, b := ts.call(t, "POST", fmt.Sprintf("/api/actions/%d/checkins", n.f.Action), n.f.Door, body); st != 201 {
		t.Fatalf("check-in %s = %d %s", id, st, b)
	}
}

// TestVenuesSplitTheCountWithTheStandbyInsideItsVenue: the hub's split and
// projector data give each venue's part, the standby's scans inside its
// venue's; a venue's own count is its hall's, the network's total beside it.
func TestVenuesSplitTheCountWithTheStandbyInsideItsVenue(t *testing.T) {
	n := startVenueNet(t)
	n.scanAt(t, n.durham, "durham-scan-1", "Iglesia San José", 0)
	n.scanAt(t, n.durham, "durham-scan-2", "Iglesia San José", 1)
	n.scanAt(t, n.spare, "spare-scan-1", "Iglesia San José", 2)
	n.scanAt(t, n.spare, "spare-scan-2", "Centro El Puente", 0)
	n.scanAt(t, n.raleigh, "raleigh-scan-1", "Sindicato Local 12", 0)
	n.scanAt(t, n.hub, "hub-scan-001", "Sindicato Local 12", 1)
	want := map[string]int{"hub": 1, "durham": 4, "raleigh": 1}
	waitFor(t, 30*time.Second, "the hub's split", func() bool {
		return fmt.Sprint(readVenues(t, n.hub, n.f).split()) == fmt.Sprint(want)
	})
	if v := readVenues(t, n.hub, n.f); v.Self != "hub" || !v.Hub || v.Hall != nil {
		t.Errorf("the hub says %+v, want itself, the hub, and no hall of its own", v)
	}
	if got := turnoutTotal(t, n.hub, n.f); got != 6 {
		t.Errorf("the hub's projector total = %d, want the whole action's 6", got)
	}
	waitFor(t, 30*time.Second, "durham's hall and the network's total at durham", func() bool {
		v := readVenues(t, n.durham, n.f)
		return v.hall() == 4 && fmt.Sprint(v.split()) == fmt.Sprint(want) && turnoutTotal(t, n.durham, n.f) == 6 &&
			v.Link != nil && v.Link.Up
	})
	v := readVenues(t, n.durham, n.f)
	if v.Self != "durham" || v.Hub || v.Hall[fmt.Sprint(n.f.Institutions["Iglesia San José"])] != 3 {
		t.Errorf("durham says %+v, want its hall with 3 of Iglesia San José", v)
	}
	waitFor(t, 30*time.Second, "the standby counts in durham's hall", func() bool {
		v := readVenues(t, n.spare, n.f)
		return v.Self == "durham" && !v.Hub && v.hall() == 4
	})
	if v := readVenues(t, n.raleigh, n.f); v.Self != "raleigh" || v.hall() != 1 {
		t.Errorf("raleigh says %+v, want its hall with 1", v)
	}
}

// TestVenueClosesItsHallAndTheHubTheWhole: a venue's organizer closes its
// own hall's credentials, frozen at its own numbers; the closing reaches the
// hub once, and the hub's organizer's closing of the whole reaches the venue.
func TestVenueClosesItsHallAndTheHubTheWhole(t *testing.T) {
	n := startVenueNet(t)
	n.scanAt(t, n.durham, "durham-close-1", "Iglesia San José", 0)
	n.scanAt(t, n.spare, "spare-close-1", "Iglesia San José", 1)
	n.scanAt(t, n.raleigh, "raleigh-close-1", "Sindicato Local 12", 0)
	// The hub's closing freezes what the hub has applied: every scan there
	// first, as at durham.
	waitFor(t, 30*time.Second, "every scan at durham and at the hub", func() bool {
		return turnoutTotal(t, n.durham, n.f) == 3 && turnoutTotal(t, n.hub, n.f) == 3
	})
	var mine struct {
		Venue      string
		Delegation int
	}
	at := fmt.Sprintf("/api/actions/%d/credentials", n.f.Action)
	json.Unmarshal(signInConsole(t, n.durham, n.f).must(t, 201, "POST", at, nil), &mine)
	if mine.Venue != "durham" || mine.Delegation != 2 {
		t.Fatalf("durham closes %+v, want its hall's 2", mine)
	}
	waitFor(t, 30*time.Second, "durham's closing at the hub", func() bool {
		cr, err := n.hub.Store().CredentialsOf(context.Background(), n.f.Action, "durham")
		return err == nil && cr.Closed && cr.Delegation == 2
	})
	whole := signInConsole(t, n.hub, n.f).must(t, 201, "POST", at, nil)
	var w struct {
		Closed     bool
		Venue      string
		Delegation int
	}
	if json.Unmarshal(whole, &w); !w.Closed || w.Venue != "" || w.Delegation != 3 {
		t.Fatalf("the hub closes %s, want the whole action's 3", whole)
	}
	waitFor(t, 30*time.Second, "the hub's closing at the standby", func() bool {
		cr, err := n.spare.Store().CredentialsOf(context.Background(), n.f.Action, "")
		return err == nil && cr.Closed && cr.Delegation == 3
	})
	_, body := n.durham.call(t, "GET", at, n.f.Display, nil)
	if json.Unmarshal(body, &mine); mine.Venue != "durham" || mine.Delegation != 2 {
		t.Errorf("durham's projector reads %s, want its own hall's frozen 2", body)
	}
}

func turnoutTotal(t *testing.T, ts *testServer, f fixture) int {
	t.Helper()
	_, body := ts.call(t, "GET", fmt.Sprintf("/api/actions/%d/turnout", f.Action), f.Display, nil)
	var tu struct{ Total int }
	json.Unmarshal(body, &tu)
	return tu.Total
}

// TestHubsPurgeReachesEveryNodeOnce: the hub's organizer purges the action;
// every node drops its check-in rows, keeps its numbers, and the hub its
// split by venue.
func TestHubsPurgeReachesEveryNodeOnce(t *testing.T) {
	n := startVenueNet(t)
	n.scanAt(t, n.durham, "durham-purge-1", "Iglesia San José", 0)
	n.scanAt(t, n.spare, "spare-purge-1", "Iglesia San José", 1)
	n.scanAt(t, n.raleigh, "raleigh-purge-1", "Sindicato Local 12", 0)
	nodes := []*testServer{n.hub, n.durham, n.raleigh, n.spare}
	waitFor(t, 30*time.Second, "every scan on every node", func() bool {
		for _, ts := range nodes {
			if dbTotal(t, ts.Store().Path(), n.f.Action) != 3 {
				return false
			}
		}
		return true
	})
	signInConsole(t, n.hub, n.f).must(t, 200, "POST", fmt.Sprintf("/api/actions/%d/purge", n.f.Action),
		map[string]bool{"confirm": true})
	waitFor(t, 30*time.Second, "the purge on every node", func() bool {
		for _, ts := range nodes {
			if checkInRows(t, ts) != 0 {
				return false
			}
		}
		return true
	})
	for _, ts := range nodes {
		if got := dbTotal(t, ts.Store().Path(), n.f.Action); got != 3 {
			t.Errorf("a node counts %d after the purge, want 3", got)
		}
	}
	if got := readVenues(t, n.hub, n.f).split(); fmt.Sprint(got) != fmt.Sprint(map[string]int{"durham": 2, "raleigh": 1}) {
		t.Errorf("the hub's split after the purge = %v, want durham 2 and raleigh 1", got)
	}
}

// checkInRows counts the check-in rows ts keeps, over raw SQL.
func checkInRows(t *testing.T, ts *testServer) int {
	t.Helper()
	var n int
	if err := benchDB(t, ts.Store().Path()).QueryRow(`SELECT count(*) FROM checkins`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
