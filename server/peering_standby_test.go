package server

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"presente/server/peer"
)

// TestStandbyHearsItsVenueWhileTheHubIsDown: with the venue's link to the
// hub cut (the hub's node stopped), scans at the venue's primary reach its
// standby within seconds, in its database and in the count its projector
// shows, as does a door paired there, and a scan at the standby reaches
// the primary; once the hub is back, every node holds every scan once,
// over raw SQL.
func TestStandbyHearsItsVenueWhileTheHubIsDown(t *testing.T) {
	h := startHall(t)
	dbs := map[string]*sql.DB{} // one handle each: the waits below ask many times
	for name, ts := range h.nodes() {
		dbs[name] = benchDB(t, ts.Store().Path())
	}
	a := fmt.Sprintf("/api/actions/%d", h.f.Action)
	callWant(t, h.venue, 201, "POST", a+"/checkins", h.f.Door, map[string]string{"id": "apart-warmup",
		"code": h.f.Codes["Iglesia San José"][0]})
	waitFor(t, 30*time.Second, "the warm-up scan at every node", func() bool {
		return holdsOnce(t, dbs, "apart-warmup")
	})
	addr := h.hubNode.LeafAddr()
	h.hubNode.Close()

	var atVenue []string
	for i, code := range append(h.f.Codes["Iglesia San José"][1:], h.f.Codes["Centro El Puente"]...) {
		id := fmt.Sprintf("apart-venue-%d", i)
		callWant(t, h.venue, 201, "POST", a+"/checkins", h.f.Door, map[string]string{"id": id, "code": code})
		atVenue = append(atVenue, id)
	}
	callWant(t, h.standby, 201, "POST", a+"/checkins", h.f.Door, map[string]string{"id": "apart-standby",
		"code": h.f.Codes["Sindicato Local 12"][0]})
	want := 1 + len(atVenue) + 1
	start := time.Now()
	waitFor(t, 20*time.Second, "the venue's scans at its standby while the hub is down", func() bool {
		return heldOnce(t, dbs["standby"], atVenue...) && turnoutTotal(t, h.standby, h.f) == want
	})
	t.Logf("the venue's scans at its standby after %v, the hub down", time.Since(start))
	waitFor(t, 20*time.Second, "the standby's scan at the venue while the hub is down", func() bool {
		return heldOnce(t, dbs["venue"], "apart-standby")
	})
	p := h.venue.pair(t, signInConsole(t, h.venue, h.f), a+"/pairings", map[string]string{"name": "Puerta aparte"})
	status, door, _ := h.venue.claim(t, p.Code)
	if status != 200 {
		t.Fatalf("claim at the venue = %d", status)
	}
	waitFor(t, 20*time.Second, "a door paired at the venue, at its standby while the hub is down", func() bool {
		return h.doorStatus(t, h.standby, door) == 200
	})

	startNode(t, h.hub, peer.Config{Name: "hub", Dir: filepath.Join(h.hub.Dir, "nats"), Listen: addr,
		Cert: nodeCert(t, h.hub).TLS})
	all := append([]string{"apart-warmup", "apart-standby"}, atVenue...)
	waitFor(t, 60*time.Second, "every scan once at every node after the hub came back", func() bool {
		return holdsOnce(t, dbs, all...)
	})
	time.Sleep(time.Second) // the copies that came the long way round, by the hub
	for name, ts := range h.nodes() {
		if !heldOnce(t, dbs[name], all...) || dbTotal(t, ts.Store().Path(), h.f.Action) != want {
			t.Errorf("%s counts %d, want each of %d scans once", name, dbTotal(t, ts.Store().Path(), h.f.Action), want)
		}
	}
}

// holdsOnce reports whether every database of dbs holds each of ids once.
func holdsOnce(t *testing.T, dbs map[string]*sql.DB, ids ...string) bool {
	for _, db := range dbs {
		if !heldOnce(t, db, ids...) {
			return false
		}
	}
	return true
}

// heldOnce reports whether db holds one check-in in force for each of
// ids, over raw SQL.
func heldOnce(t *testing.T, db *sql.DB, ids ...string) bool {
	t.Helper()
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	var rows, distinct int
	err := db.QueryRow(`SELECT count(*), count(DISTINCT client_id) FROM checkins
		WHERE undone_at IS NULL AND client_id IN (?`+strings.Repeat(", ?", len(ids)-1)+`)`, args...).Scan(&rows, &distinct)
	if err != nil {
		t.Fatal(err)
	}
	return rows == len(ids) && distinct == len(ids)
}
