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

// hall is a hub, a venue that joined it and the venue's standby, linked
// over NATS on loopback, each started from a copy of the one above.
type hall struct {
	hub, venue, standby *testServer
	hubNode             *peer.Node
	f                   fixture
}

func startHall(t *testing.T) hall {
	t.Helper()
	hub := newTestServer(t)
	f := hub.seed(t)
	venue := startTestServer(t, copyData(t, hub))
	hubNode, link := startHubNode(t, hub)
	secret, err := venue.Store().AddPeer(context.Background(), "standby")
	if err == nil {
		err = venue.Store().SetStandby(context.Background(), "standby", true)
	}
	if err != nil {
		t.Fatal(err)
	}
	cert := nodeCert(t, venue)
	vnode := startNode(t, venue, peer.Config{Name: link.Name, Dir: filepath.Join(venue.Dir, "nats"), Join: &link,
		Listen: "127.0.0.1:0", Cert: cert.TLS})
	standby := startTestServer(t, copyData(t, venue))
	slink := peer.Link{Addr: vnode.LeafAddr(), Parent: link.Name, Name: "standby", Secret: secret,
		Fingerprint: peer.NormalizeFingerprint(cert.Fingerprint), Venue: link.Name}
	startNode(t, standby, peer.Config{Name: "standby", Dir: filepath.Join(standby.Dir, "nats"), Join: &slink})
	return hall{hub: hub, venue: venue, standby: standby, hubNode: hubNode, f: f}
}

func (h hall) nodes() map[string]*testServer {
	return map[string]*testServer{"hub": h.hub, "venue": h.venue, "standby": h.standby}
}

// doorStatus is what a door route of the action answers token at ts.
func (h hall) doorStatus(t *testing.T, ts *testServer, token string) int {
	t.Helper()
	status, _ := ts.call(t, "GET", fmt.Sprintf("/api/actions/%d/needs", h.f.Action), token, nil)
	return status
}

// waitDoor waits until every node lets token in and refuses each of old.
func (h hall) waitDoor(t *testing.T, what, token string, old ...string) {
	t.Helper()
	waitFor(t, 30*time.Second, what, func() bool {
		for _, ts := range h.nodes() {
			if h.doorStatus(t, ts, token) != 200 {
				return false
			}
			for _, o := range old {
				if h.doorStatus(t, ts, o) != 401 {
					return false
				}
			}
		}
		return true
	})
}

// TestDoorPairedAtAVenueWorksAtItsStandby: a door paired by QR at a venue
// that joined a hub works at the venue's standby (and at the hub); once
// re-paired, at the venue or at the hub, its earlier phone is refused at
// the hub, the venue and the standby.
func TestDoorPairedAtAVenueWorksAtItsStandby(t *testing.T) {
	h := startHall(t)
	a := fmt.Sprintf("/api/actions/%d", h.f.Action)
	org := signInConsole(t, h.venue, h.f)
	p := h.venue.pair(t, org, a+"/pairings", map[string]string{"name": "Puerta del patio"})
	status, first, _ := h.venue.claim(t, p.Code)
	if status != 200 {
		t.Fatalf("claim at the venue = %d", status)
	}
	h.waitDoor(t, "the door paired at the venue, at its standby and the hub", first)

	p = h.venue.pair(t, org, fmt.Sprintf("%s/doors/%d/pairing", a, p.Door.ID), nil)
	_, second, _ := h.venue.claim(t, p.Code)
	h.waitDoor(t, "the door re-paired at the venue, and its first phone refused everywhere", second, first)

	d, err := h.hub.Store().DoorByToken(context.Background(), second)
	if err != nil {
		t.Fatal(err)
	}
	p = h.hub.pair(t, signInConsole(t, h.hub, h.f), fmt.Sprintf("%s/doors/%d/pairing", a, d.ID), nil)
	_, third, _ := h.hub.claim(t, p.Code)
	h.waitDoor(t, "the door re-paired at the hub, and its earlier phones refused everywhere", third, first, second)
}

// TestNeedCountsAndSharesReachEveryNode: a +N tapped at the standby and
// one at the venue count in the hub's totals, once; the share of the goal
// the hub gives the venue shows at the venue and its standby.
func TestNeedCountsAndSharesReachEveryNode(t *testing.T) {
	h := startHall(t)
	a := fmt.Sprintf("/api/actions/%d", h.f.Action)
	hubOrg := signInConsole(t, h.hub, h.f)
	hubOrg.must(t, 200, "PUT", a+"/needs", map[string]any{"names": []string{"Audífonos"}})
	hubOrg.must(t, 200, "PUT", a+"/venues", map[string]int{"venue": 40})
	waitFor(t, 30*time.Second, "the need named at the hub, at the standby", func() bool {
		return needTotal(t, h.standby, h.f, a) == 0
	})
	callWant(t, h.standby, 201, "POST", a+"/needs/counts", h.f.Door, map[string]any{"id": "need-standby-1", "position": 1, "count": 2})
	callWant(t, h.venue, 201, "POST", a+"/needs/counts", h.f.Door, map[string]any{"id": "need-venue-1", "position": 1, "count": 3})
	callWant(t, h.standby, 201, "POST", a+"/needs/counts", h.f.Door, map[string]any{"id": "need-venue-1", "position": 1, "count": 3})
	waitFor(t, 30*time.Second, "every node's needs total at 5", func() bool {
		for _, ts := range h.nodes() {
			if needTotal(t, ts, h.f, a) != 5 {
				return false
			}
		}
		return true
	})
	for name, ts := range map[string]*testServer{"venue": h.venue, "standby": h.standby} {
		waitFor(t, 30*time.Second, "the venue's share at the "+name, func() bool {
			_, body := ts.call(t, "GET", a+"/venues", h.f.Display, nil)
			var got struct {
				Venues []struct {
					Venue string
					Share int
				}
			}
			json.Unmarshal(body, &got)
			for _, v := range got.Venues {
				if v.Venue == "venue" && v.Share == 40 {
					return true
				}
			}
			return false
		})
	}
}

// needTotal is the action's first need's total at ts, -1 when it has none.
func needTotal(t *testing.T, ts *testServer, f fixture, a string) int {
	t.Helper()
	_, body := ts.call(t, "GET", a+"/needs", f.Door, nil)
	var got struct{ Needs []struct{ Total int } }
	if json.Unmarshal(body, &got); len(got.Needs) == 0 {
		return -1
	}
	return got.Needs[0].Total
}
