package server

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"presente/server/peer"
)

// TestVenueCannotWriteAnyKindToAnActionItDoesNotShare: a venue allowed
// only the other action records, at the first, a check-in, a walk-in, a
// headcount, a paper entry and the undos of a check-in and a headcount the
// hub made. The hub takes none of them: its count of that action is its own.
func TestVenueCannotWriteAnyKindToAnActionItDoesNotShare(t *testing.T) {
	hub := newTestServer(t)
	f := hub.seed(t)
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	// the hub's writes of that action no longer flow down to the venue,
	// which does not share it: it starts from a copy that holds them
	callWant(t, hub, 201, "POST", a+"/checkins", f.Door, map[string]string{"id": "hub-scan-1", "code": f.Codes["Centro El Puente"][0]})
	callWant(t, hub, 201, "POST", a+"/headcounts", f.Door, map[string]any{"id": "hub-bus-1",
		"institution": f.Institutions["Sindicato Local 12"], "count": 4})
	venue := startTestServer(t, copyData(t, hub))
	_, link := startHubNode(t, hub, f.Other)
	startNode(t, venue, peer.Config{Name: link.Name, Dir: filepath.Join(venue.Dir, "nats"), Join: &link})
	waitFor(t, 30*time.Second, "the hub's writes at the venue", func() bool { return dbTotal(t, venue.Store().Path(), f.Action) == 5 })
	c := signInConsole(t, venue, f)
	c.must(t, 200, "POST", a+"/checkins/hub-scan-1/undo", nil)
	c.must(t, 200, "POST", a+"/headcounts/hub-bus-1/undo", nil)
	callWant(t, venue, 201, "POST", a+"/checkins", f.Door, map[string]string{"id": "venue-scan-1", "code": f.Codes["Centro El Puente"][1]})
	callWant(t, venue, 201, "POST", a+"/walkins", f.Door, map[string]any{"id": "venue-walkin-1", "name": "Ana Nueva",
		"institution": f.Institutions["Iglesia San José"], "language": "es"})
	callWant(t, venue, 201, "POST", a+"/headcounts", f.Door, map[string]any{"id": "venue-bus-1",
		"institution": f.Institutions["Sindicato Local 12"], "count": 6})
	c.must(t, 201, "POST", a+"/paper", map[string]any{"id": "venue-paper-1", "code": f.Codes["Centro El Puente"][2]})
	callWant(t, venue, 201, "POST", fmt.Sprintf("/api/actions/%d/checkins", f.Other), f.OtherDoor,
		map[string]string{"id": "venue-other-1", "code": f.Codes["Iglesia San José"][0]})
	waitFor(t, 30*time.Second, "the check-in at the shared action at the hub", func() bool {
		return dbTotal(t, hub.Store().Path(), f.Other) == 1
	})
	time.Sleep(time.Second)
	if got := dbTotal(t, hub.Store().Path(), f.Action); got != 5 {
		t.Errorf("the hub counts %d at the action the venue does not share, want 5 (its own check-in and bus, not undone)", got)
	}
	if got := dbTotal(t, venue.Store().Path(), f.Action); got != 1+1+6+1 {
		t.Errorf("the venue counts %d at that action, want its own 9", got)
	}
}

// TestStandbyWritesOnlyToItsOwnActions: a venue that shares every action
// with the hub lets its standby write to the other action only ("peer add
// standby --action"). The standby's check-in at the first action reaches
// neither the venue's count nor the hub's; the one at the other reaches both.
func TestStandbyWritesOnlyToItsOwnActions(t *testing.T) {
	hub := newTestServer(t)
	f := hub.seed(t)
	venue := startTestServer(t, copyData(t, hub))
	_, link := startHubNode(t, hub)
	secret, err := venue.Store().AddPeer(context.Background(), "standby", f.Other)
	if err != nil {
		t.Fatal(err)
	}
	cert := nodeCert(t, venue)
	vnode := startNode(t, venue, peer.Config{Name: link.Name, Dir: filepath.Join(venue.Dir, "nats"), Join: &link,
		Listen: "127.0.0.1:0", Cert: cert.TLS})
	standby := startTestServer(t, copyData(t, venue))
	slink := peer.Link{Addr: vnode.LeafAddr(), Parent: link.Name, Name: "standby", Secret: secret,
		Fingerprint: peer.NormalizeFingerprint(cert.Fingerprint)}
	startNode(t, standby, peer.Config{Name: "standby", Dir: filepath.Join(standby.Dir, "nats"), Join: &slink})
	callWant(t, standby, 201, "POST", fmt.Sprintf("/api/actions/%d/checkins", f.Action), f.Door,
		map[string]string{"id": "standby-scan-1", "code": f.Codes["Centro El Puente"][0]})
	callWant(t, standby, 201, "POST", fmt.Sprintf("/api/actions/%d/checkins", f.Other), f.OtherDoor,
		map[string]string{"id": "standby-other-1", "code": f.Codes["Iglesia San José"][0]})
	waitFor(t, 30*time.Second, "the standby's check-in at its action at the hub", func() bool {
		return dbTotal(t, hub.Store().Path(), f.Other) == 1 && dbTotal(t, venue.Store().Path(), f.Other) == 1
	})
	time.Sleep(time.Second)
	for name, ts := range map[string]*testServer{"hub": hub, "venue": venue} {
		if got := dbTotal(t, ts.Store().Path(), f.Action); got != 0 {
			t.Errorf("the %s counts %d of the standby's check-in at an action it may not write to, want 0", name, got)
		}
	}
}

// waitFor waits up to d for cond.
func waitFor(tb testing.TB, d time.Duration, what string, cond func() bool) {
	tb.Helper()
	for deadline := time.Now().Add(d); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			tb.Fatalf("after %v: %s", d, what)
		}
	}
}
