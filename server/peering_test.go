package server

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"presente/server/peer"
)

// TestVenueScanMovesTheHubsTurnout: a check-in at a venue moves the hub's
// live tally, not only its database, and the hub's organizers see the link.
func TestVenueScanMovesTheHubsTurnout(t *testing.T) {
	hub := newTestServer(t)
	f := hub.seed(t)
	venue := startTestServer(t, copyData(t, hub))
	_, link := startHubNode(t, hub)
	startNode(t, venue, peer.Config{Name: link.Name, Dir: filepath.Join(venue.Dir, "nats"), Join: &link})
	total := func() int {
		_, body := hub.call(t, "GET", "/api/actions/"+fmt.Sprint(f.Action)+"/turnout", f.Display, nil)
		var tu struct{ Total int }
		json.Unmarshal(body, &tu)
		return tu.Total
	}
	before := total()
	code := f.Codes["Centro El Puente"][0]
	if status, body := venue.call(t, "POST", "/api/actions/"+fmt.Sprint(f.Action)+"/checkins", f.Door,
		map[string]string{"id": "venue-turnout-1", "code": code}); status != 201 {
		t.Fatalf("check-in at the venue = %d %s", status, body)
	}
	for deadline := time.Now().Add(30 * time.Second); total() != before+1; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("hub turnout = %d, want %d", total(), before+1)
		}
	}
	_, body := hub.call(t, "GET", "/api/actions/"+fmt.Sprint(f.Action)+"/venues", f.Display, nil)
	var split struct{ Venues []struct{ Venue string } }
	if json.Unmarshal(body, &split); len(split.Venues) != 1 || split.Venues[0].Venue != "venue" {
		t.Errorf("GET venues at the hub = %s, want the venue's one check-in", body)
	}
	c := signInConsole(t, hub, f)
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		var got struct {
			Name  string
			Links []struct {
				Name, Role string
				Up         bool
			}
		}
		json.Unmarshal(c.must(t, 200, "GET", "/api/nodes", nil), &got)
		if got.Name == "hub" && len(got.Links) == 1 && got.Links[0].Name == "venue" && got.Links[0].Up {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("GET /api/nodes = %+v, want hub with venue up", got)
		}
	}
}

// TestVenueCannotWriteToAnActionItDoesNotShare: a venue allowed only the
// other action checks in at the first; the hub neither counts it nor hands
// it on, while the venue's own count keeps it.
func TestVenueCannotWriteToAnActionItDoesNotShare(t *testing.T) {
	hub := newTestServer(t)
	f := hub.seed(t)
	venue := startTestServer(t, copyData(t, hub))
	_, link := startHubNode(t, hub, f.Other)
	startNode(t, venue, peer.Config{Name: link.Name, Dir: filepath.Join(venue.Dir, "nats"), Join: &link})
	code := f.Codes["Iglesia San José"][0]
	for _, a := range []struct {
		action int64
		door   string
	}{{f.Action, f.Door}, {f.Other, f.OtherDoor}} {
		body := map[string]string{"id": fmt.Sprintf("venue-share-%d", a.action), "code": code}
		if status, b := venue.call(t, "POST", fmt.Sprintf("/api/actions/%d/checkins", a.action), a.door, body); status != 201 {
			t.Fatalf("check-in at the venue = %d %s", status, b)
		}
	}
	for deadline := time.Now().Add(30 * time.Second); dbTotal(t, hub.Store().Path(), f.Other) != 1; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the check-in at the shared action did not reach the hub")
		}
	}
	time.Sleep(time.Second)
	if got := dbTotal(t, hub.Store().Path(), f.Action); got != 0 {
		t.Errorf("the hub counts %d at the action the venue does not share, want 0", got)
	}
	if got := dbTotal(t, venue.Store().Path(), f.Action); got != 1 {
		t.Errorf("the venue counts %d at its own check-in, want 1", got)
	}
}
