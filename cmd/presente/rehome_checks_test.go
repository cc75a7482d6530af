package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// heldOf is which of ids the node with data holds.
func heldOf(tb testing.TB, data string, ids []string) []string {
	tb.Helper()
	stored := storedCheckIns(tb, data)
	var out []string
	for _, id := range ids {
		if stored[id] {
			out = append(out, id)
		}
	}
	return out
}

// wantCounted wants each node (by name, its data folder) to count want
// check-ins of the test's leaders, each leader once, and hold each of the
// test's check-ins in one row.
func wantCounted(tb testing.TB, nodes map[string]string, want int) {
	tb.Helper()
	for name, data := range nodes {
		db := openDB(tb, data)
		var rows, leaders, kept, ids int
		err := db.QueryRow(`SELECT count(*) FILTER (WHERE undone_at IS NULL),
			count(DISTINCT leader_id) FILTER (WHERE undone_at IS NULL), count(*), count(DISTINCT client_id)
			FROM checkins WHERE action_id = 1 AND client_id LIKE 'rh-%'`).Scan(&rows, &leaders, &kept, &ids)
		db.Close()
		if err != nil {
			tb.Fatal(err)
		}
		if rows != want || leaders != want || kept != ids {
			tb.Errorf("%s counts %d check-ins for %d leaders (%d rows for %d client ids), want %d for %d",
				name, rows, leaders, kept, ids, want, want)
		}
	}
}

// wantDurhams wants each of ids, at each node, counted in durham's hall
// (raleigh's own in raleigh's): over raw SQL (the venue of the node that
// made it, this node's own for its own), and in the hub's split by venue,
// which names no hall of the standby's.
func wantDurhams(tb testing.TB, n *network, nodes map[string]string, ids []string) {
	tb.Helper()
	for name, data := range nodes {
		venues := venuesOf(tb, data, ids)
		for _, id := range ids {
			want := "durham"
			if strings.HasPrefix(id, "rh-raleigh") || id == "rh-same-raleigh" {
				want = "raleigh"
			}
			if venues[id] != want {
				tb.Errorf("at %s, %s counts in %q, want %q", name, id, venues[id], want)
			}
		}
	}
	var split struct{ Venues []struct{ Venue string } }
	req, _ := newRequest("GET", n.hub.base+"/api/actions/1/venues", n.door, "")
	if resp, err := httpClient.Do(req); err == nil {
		json.NewDecoder(resp.Body).Decode(&split)
		resp.Body.Close()
	}
	for _, v := range split.Venues {
		if v.Venue == "durham-standby" {
			tb.Errorf("the hub's split by venue names a hall %q: %+v", v.Venue, split.Venues)
		}
	}
}

// venuesOf is the venue each of ids counts in at the node with data.
func venuesOf(tb testing.TB, data string, ids []string) map[string]string {
	tb.Helper()
	db := openDB(tb, data)
	defer db.Close()
	rows, err := db.Query(`SELECT c.client_id, coalesce(p.venue, c.origin, s.venue, s.name)
		FROM checkins c CROSS JOIN peer_self s LEFT JOIN peer_nodes p ON p.name = c.origin
		WHERE c.client_id LIKE 'rh-%'`)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, venue string
		if err := rows.Scan(&id, &venue); err != nil {
			tb.Fatal(err)
		}
		out[id] = venue
	}
	return out
}

// venueAt is the venue the door's session at node names: the HTTPS
// origins of its primary and its standbys.
func venueAt(tb testing.TB, node *child, door string) map[string][]string {
	tb.Helper()
	var me struct{ Venue map[string][]string }
	req, _ := newRequest("GET", node.base+"/api/session", door, "")
	resp, err := httpClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	json.NewDecoder(resp.Body).Decode(&me)
	return me.Venue
}

// lets reports whether node lets a page at origin read a door route's
// answer (CORS), as it does its venue's other node's.
func lets(tb testing.TB, node *child, door, origin string) bool {
	tb.Helper()
	req, _ := newRequest("GET", node.base+"/api/actions/1/door/feed?since=0", door, "")
	req.Header.Set("Origin", origin)
	resp, err := httpClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	resp.Body.Close()
	return resp.Header.Get("Access-Control-Allow-Origin") == origin
}

// waitRefused waits until the node with data records that its parent
// refuses it.
func waitRefused(tb testing.TB, data string) {
	tb.Helper()
	db := openDB(tb, data)
	defer db.Close()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		var refused bool
		db.QueryRow(`SELECT refused FROM peer_links WHERE role = 'parent'`).Scan(&refused)
		if refused {
			return
		}
		if time.Now().After(deadline) {
			tb.Fatal("the node's parent does not refuse it")
		}
	}
}
