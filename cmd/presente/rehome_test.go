package main

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestStandbyJoinsTheHubWhenThePrimaryIsLost: durham's primary dies for
// good (SIGKILL, its data folder gone) and its door goes on at the
// standby, whose scans then reach no one. The hub's organizer lets the
// standby join the hub in durham's place (peer add durham-standby --venue
// durham) and the standby is started again with that link, keeping its
// data folder. Then, over raw SQL, the hub and raleigh hold every
// acknowledged check-in once — the standby's made apart too, durham's that
// the standby held from durham and now hears again from the hub only once
// — each counted in durham's hall, and the standby's next scan reaches the
// hub within seconds.
func TestStandbyJoinsTheHubWhenThePrimaryIsLost(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills server processes")
	}
	n := startNetwork(t, "durham", "raleigh")
	codes := rosterCodes(t, n.hubData)
	durham, standby, standbyData, door := n.startStandby(t)

	var linked []string // made while durham lived: at durham, and one at the standby
	for i := range 10 {
		linked = append(linked, fmt.Sprintf("rh-durham-%02d", i))
		scanAt(t, durham, door, linked[i], codes[i])
	}
	linked = append(linked, "rh-standby-linked")
	scanAt(t, standby, door, "rh-standby-linked", codes[10])
	holdsAll(t, standbyData, 30*time.Second, linked...)
	holdsAll(t, n.hubData, 30*time.Second, linked...)

	n.hub.cmd.Process.Kill() // durham is cut off from the hub: what it does now only its standby hears
	n.hub.cmd.Wait()
	door2 := strings.TrimSpace(mustRun(t, "door", "add", "--data", n.datas["durham"], "--action", "1",
		"--name", "Puerta cortada"))
	waitToken(t, standby, door2)
	var cutOff []string
	for i := range 10 {
		cutOff = append(cutOff, fmt.Sprintf("rh-cutoff-%02d", i))
		scanAt(t, durham, door, cutOff[i], codes[70+i])
	}
	holdsAll(t, standbyData, 30*time.Second, cutOff...)

	durham.cmd.Process.Kill() // its disk is lost with it
	durham.cmd.Wait()
	if err := os.RemoveAll(n.datas["durham"]); err != nil {
		t.Fatal(err)
	}
	n.hub = startChild(t, false, "serve", "--data", n.hubData, "--http", "127.0.0.1:0", "--peers", n.peers)
	apart := scansApart(t, n, standby, []string{door, door2}, codes)
	time.Sleep(2 * time.Second)
	if got := heldOf(t, n.hubData, append(cutOff, apart[:len(apart)-2]...)); len(got) > 0 { // raleigh's reach it
		t.Fatalf("the hub holds %v, made at durham or its standby with no link to it", got)
	}

	link := strings.TrimSpace(mustRun(t, "peer", "add", "durham-standby", "--venue", "durham",
		"--data", n.hubData, "--peers", n.peers))
	standby.cmd.Process.Signal(os.Interrupt)
	standby.cmd.Wait()
	standby = startChild(t, false, "serve", "--data", standbyData, "--http", "127.0.0.1:0", "--join", link)
	t.Log(standby.said(t, "now joins hub in its place", 10*time.Second))
	all := slices.Concat(linked, cutOff, apart)
	for name, data := range map[string]string{"hub": n.hubData, "raleigh": n.datas["raleigh"], "standby": standbyData} {
		took := holdsAll(t, data, 60*time.Second, all...)
		t.Logf("%s holds every acknowledged check-in %v after the standby joined the hub", name, took)
	}
	wantCounted(t, n, standbyData, len(all)-1) // the leader scanned at both counts once
	waitToken(t, n.hub, door2)

	scanAt(t, standby, door, "rh-after", codes[60])
	took := holdsAll(t, n.hubData, 10*time.Second, "rh-after")
	t.Logf("a scan at the re-homed standby at the hub after %v", took)
	if took > 5*time.Second {
		t.Errorf("the standby's scan reached the hub after %v, want within 5s", took)
	}
	wantCounted(t, n, standbyData, len(all))
	wantDurhams(t, n, standbyData, append(all, "rh-after"))
	wantNoPrimary(t, standby, door)
}

// startStandby serves durham again accepting a standby, starts the
// standby with an empty data folder, pairs a door at durham and waits until
// both nodes take it and know each other.
func (n *network) startStandby(t *testing.T) (durham, standby *child, standbyData, door string) {
	t.Helper()
	durhamPeers := "127.0.0.1:" + strconv.Itoa(freePort(t))
	durham = n.restartVenue(t, "durham", "--peers", durhamPeers)
	link := strings.TrimSpace(mustRun(t, "peer", "add", "durham-standby", "--standby", "--data", n.datas["durham"],
		"--peers", durhamPeers))
	standbyData = t.TempDir()
	standby = startChild(t, false, "serve", "--data", standbyData, "--http", "127.0.0.1:0", "--join", link)
	n.waitDoor(t, standby)
	door = strings.TrimSpace(mustRun(t, "door", "add", "--data", n.datas["durham"], "--action", "1",
		"--name", "Puerta de Durham"))
	for _, at := range []*child{durham, standby} {
		waitToken(t, at, door)
	}
	waitVenue(t, durham, door, "standby")
	waitVenue(t, standby, door, "primary")
	return durham, standby, standbyData, door
}

// scansApart scans at the standby while its primary is gone, one leader
// raleigh's door scans a moment later too, and one leader at raleigh only.
func scansApart(t *testing.T, n *network, standby *child, doors []string, codes []string) []string {
	t.Helper()
	var apart []string
	for i := 20; i < 40; i++ {
		id := fmt.Sprintf("rh-apart-%02d", i)
		scanAt(t, standby, doors[i%len(doors)], id, codes[i])
		apart = append(apart, id)
	}
	scanAt(t, standby, doors[0], "rh-same-standby", codes[50]) // first: it counts
	time.Sleep(5 * time.Millisecond)
	raleigh := n.venues["raleigh"]
	n.scan(t, raleigh, "rh-same-raleigh", codes[50])
	n.scan(t, raleigh, "rh-raleigh", codes[51])
	return append(apart, "rh-same-standby", "rh-same-raleigh", "rh-raleigh")
}

// scanAt checks in code at the node with door's token and wants it
// acknowledged.
func scanAt(tb testing.TB, at *child, door, id, code string) {
	tb.Helper()
	body := fmt.Sprintf(`{"id":%q,"code":%q}`, id, code)
	if status := tryPost(at.base+"/api/actions/1/checkins", door, body); status != 201 {
		tb.Fatalf("scan %s at %s = %d, want 201", id, at.base, status)
	}
}

// waitToken waits until the node takes the door's token.
func waitToken(tb testing.TB, at *child, door string) {
	tb.Helper()
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		req, _ := newRequest("GET", at.base+"/api/actions/1/door/feed?since=0", door, "")
		if resp, err := httpClient.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		if time.Now().After(deadline) {
			tb.Fatalf("%s does not take the door paired at durham", at.base)
		}
	}
}

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

// wantCounted wants every node still running to count want check-ins of
// the test's leaders, each leader once, and hold each of the test's
// check-ins in one row.
func wantCounted(tb testing.TB, n *network, standbyData string, want int) {
	tb.Helper()
	for name, data := range map[string]string{"hub": n.hubData, "raleigh": n.datas["raleigh"], "standby": standbyData} {
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

// wantDurhams wants each of ids, at every node still running, counted in
// durham's hall: over raw SQL (the venue of the node that made it, this
// node's own for its own), and in the hub's split by venue, which names no
// hall of the standby's.
func wantDurhams(tb testing.TB, n *network, standbyData string, ids []string) {
	tb.Helper()
	for name, data := range map[string]string{"hub": n.hubData, "raleigh": n.datas["raleigh"], "standby": standbyData} {
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

// wantNoPrimary wants the door's session at the re-homed standby to name no
// primary: the node that was one is no longer its parent.
func wantNoPrimary(tb testing.TB, standby *child, door string) {
	tb.Helper()
	var me struct{ Venue map[string][]string }
	req, _ := newRequest("GET", standby.base+"/api/session", door, "")
	resp, err := httpClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	json.NewDecoder(resp.Body).Decode(&me)
	if got := me.Venue["primary"]; len(got) > 0 {
		tb.Errorf("the door's venue at the re-homed standby names a primary: %v", got)
	}
}
