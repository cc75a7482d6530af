package main

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestStandbyJoinsTheHubWhenThePrimaryIsLost: durham's primary dies for
// good, cut off from the hub (SIGKILL, its data folder gone), and its
// doors go on at the standby, whose scans then reach no one. The hub's
// organizer lets the standby join the hub in durham's place (peer add
// durham-standby --venue durham) and the standby is started again with
// that link, keeping its data folder. Then, over raw SQL, the hub and
// raleigh hold every acknowledged check-in once — the standby's made
// apart, and durham's made cut off that only the standby held — each
// counted in durham's hall; durham's that had reached the hub before, and
// the standby now sends on too, count nothing more; and the standby's next
// scan reaches the hub within seconds.
func TestStandbyJoinsTheHubWhenThePrimaryIsLost(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills server processes")
	}
	r := loseDurham(t)
	n := r.n
	r.wantCounted(t, len(r.ids)-1) // the leader scanned at both counts once
	waitToken(t, n.hub, r.doors[1])

	scanAt(t, r.standby, r.doors[0], "rh-after", r.codes[60])
	took := holdsAll(t, n.hubData, 10*time.Second, "rh-after")
	t.Logf("a scan at the re-homed standby at the hub after %v", took)
	if took > 5*time.Second {
		t.Errorf("the standby's scan reached the hub after %v, want within 5s", took)
	}
	r.wantCounted(t, len(r.ids))
	wantDurhams(t, n, r.nodes(), append(r.ids, "rh-after"))
	// A scanner left open at durham's address sends its queue here when
	// durham does not answer: the standby still names durham's addresses
	// to its doors and lets durham's pages call it.
	if got := venueAt(t, r.standby, r.doors[0])["primary"]; !slices.Contains(got, r.durhamOrigin) {
		t.Errorf("the door's venue at the re-homed standby names primary %v, want durham's %s", got, r.durhamOrigin)
	}
	if !lets(t, r.standby, r.doors[0], r.durhamOrigin) {
		t.Errorf("the re-homed standby no longer lets durham's pages (%s) send it their queue", r.durhamOrigin)
	}
}

// TestOldPrimaryBackBesideTheRehomedStandby: durham's data folder turns up
// again once its standby joined the hub in its place. Started with it and
// its old link, durham rejoins the hub, and a leader scanned both there
// and at the standby counts once everywhere; once revoked at the hub, it
// is refused, and what it scans reaches no other node.
func TestOldPrimaryBackBesideTheRehomedStandby(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills server processes")
	}
	r := loseDurham(t)
	n := r.n
	n.datas["durham"] = r.oldDurham
	back := n.restartVenue(t, "durham", "--peers", "127.0.0.1:0")
	scanAt(t, back, r.doors[0], "rh-back-durham", r.codes[90])
	scanAt(t, back, r.doors[0], "rh-both-durham", r.codes[91]) // first: it counts
	time.Sleep(5 * time.Millisecond)
	scanAt(t, r.standby, r.doors[0], "rh-both-standby", r.codes[91])
	nodes := r.nodes()
	nodes["durham"] = r.oldDurham
	ids := append(r.ids, "rh-back-durham", "rh-both-durham", "rh-both-standby")
	for name, data := range nodes {
		took := holdsAll(t, data, 60*time.Second, ids...)
		t.Logf("%s holds every check-in %v after durham came back", name, took)
	}
	wantCounted(t, nodes, len(ids)-2) // two leaders were scanned twice

	t.Log(mustRun(t, "peer", "revoke", "durham", "--data", n.hubData))
	waitRefused(t, r.oldDurham)
	scanAt(t, back, r.doors[0], "rh-revoked", r.codes[92])
	time.Sleep(3 * time.Second)
	for name, data := range r.nodes() {
		if got := heldOf(t, data, []string{"rh-revoked"}); len(got) > 0 {
			t.Errorf("%s holds %v, scanned at durham after the hub revoked it", name, got)
		}
	}
}

// rehomed is a network whose durham was lost for good, cut off from the
// hub, and whose standby joined the hub in its place.
type rehomed struct {
	n            *network
	codes        []string
	standby      *child
	standbyData  string
	oldDurham    string   // a copy of durham's data folder as it died
	durhamOrigin string   // where durham's doors opened it
	doors        []string // paired at durham: while linked, and while cut off
	ids          []string // every check-in acknowledged, each at hub, raleigh and the standby
}

// loseDurham starts the hub, durham with its standby and raleigh; scans at
// durham and its standby while linked, at durham while it is cut off from
// the hub (the hub is killed), then kills durham and deletes its data
// folder (keeping a copy), starts the hub again, scans at the standby and
// raleigh apart, and has the standby join the hub in durham's place. It
// returns once the hub, raleigh and the standby hold every check-in.
func loseDurham(t *testing.T) *rehomed {
	t.Helper()
	n := startNetwork(t, "durham", "raleigh")
	r := &rehomed{n: n, codes: rosterCodes(t, n.hubData), oldDurham: t.TempDir()}
	durham, standby, standbyData, door := n.startStandby(t)
	r.standby, r.standbyData, r.doors = standby, standbyData, []string{door}
	linked := r.scansLinked(t, durham)
	cutOff := r.scansCutOff(t, durham)

	durham.cmd.Process.Kill() // its disk is lost with it
	durham.cmd.Wait()
	if err := os.CopyFS(r.oldDurham, os.DirFS(n.datas["durham"])); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(n.datas["durham"]); err != nil {
		t.Fatal(err)
	}
	n.hub = startChild(t, false, "serve", "--data", n.hubData, "--http", "127.0.0.1:0", "--peers", n.peers)
	r.durhamOrigin = venueAt(t, r.standby, door)["primary"][0] // kept while durham is down
	if !lets(t, r.standby, door, r.durhamOrigin) {
		t.Fatalf("the standby does not let durham's pages (%s) call it", r.durhamOrigin)
	}
	apart := scansApart(t, n, r.standby, r.doors, r.codes)
	time.Sleep(2 * time.Second)
	if got := heldOf(t, n.hubData, append(cutOff, apart[:len(apart)-2]...)); len(got) > 0 { // raleigh's reach it
		t.Fatalf("the hub holds %v, made at durham or its standby with no link to it", got)
	}

	link := strings.TrimSpace(mustRun(t, "peer", "add", "durham-standby", "--venue", "durham",
		"--data", n.hubData, "--peers", n.peers))
	r.standby.cmd.Process.Signal(os.Interrupt)
	r.standby.cmd.Wait()
	r.standby = startChild(t, false, "serve", "--data", standbyData, "--http", "127.0.0.1:0", "--join", link)
	t.Log(r.standby.said(t, "now joins hub in its place", 10*time.Second))
	r.ids = slices.Concat(linked, cutOff, apart)
	for name, data := range r.nodes() {
		took := holdsAll(t, data, 60*time.Second, r.ids...)
		t.Logf("%s holds every acknowledged check-in %v after the standby joined the hub", name, took)
	}
	return r
}

// scansLinked scans at durham, and once at its standby, while all are
// linked, and waits until the standby and the hub hold them.
func (r *rehomed) scansLinked(t *testing.T, durham *child) []string {
	t.Helper()
	var ids []string
	for i := range 10 {
		ids = append(ids, fmt.Sprintf("rh-durham-%02d", i))
		scanAt(t, durham, r.doors[0], ids[i], r.codes[i])
	}
	ids = append(ids, "rh-standby-linked")
	scanAt(t, r.standby, r.doors[0], "rh-standby-linked", r.codes[10])
	holdsAll(t, r.standbyData, 30*time.Second, ids...)
	holdsAll(t, r.n.hubData, 30*time.Second, ids...)
	return ids
}

// scansCutOff kills the hub, pairs a second door at durham and scans
// there: only the standby hears of it, over its own link.
func (r *rehomed) scansCutOff(t *testing.T, durham *child) []string {
	t.Helper()
	r.n.hub.cmd.Process.Kill()
	r.n.hub.cmd.Wait()
	door := strings.TrimSpace(mustRun(t, "door", "add", "--data", r.n.datas["durham"], "--action", "1",
		"--name", "Puerta cortada"))
	r.doors = append(r.doors, door)
	waitToken(t, r.standby, door)
	var ids []string
	for i := range 10 {
		ids = append(ids, fmt.Sprintf("rh-cutoff-%02d", i))
		scanAt(t, durham, r.doors[0], ids[i], r.codes[70+i])
	}
	holdsAll(t, r.standbyData, 30*time.Second, ids...)
	return ids
}

// nodes are the data folders of the nodes that hold every check-in.
func (r *rehomed) nodes() map[string]string {
	return map[string]string{"hub": r.n.hubData, "raleigh": r.n.datas["raleigh"], "standby": r.standbyData}
}

// wantCounted wants the hub, raleigh and the standby to count want
// check-ins of the test's leaders.
func (r *rehomed) wantCounted(tb testing.TB, want int) {
	tb.Helper()
	wantCounted(tb, r.nodes(), want)
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
