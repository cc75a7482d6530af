package main

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// network is a hub and its venues, each a separate process on loopback.
type network struct {
	hub     *child
	hubData string
	peers   string // the hub's --peers
	door    string // the demo's door token, good at every node
	venues  map[string]*child
	datas   map[string]string
	links   map[string]string
}

// startNetwork starts the demo as the hub and joins a venue for each name.
// A venue starts with an empty data folder: the roster, actions and doors
// come down from the hub. It returns once every venue takes the demo door.
func startNetwork(t *testing.T, names ...string) *network {
	t.Helper()
	n := &network{hubData: t.TempDir(), venues: map[string]*child{}, datas: map[string]string{}, links: map[string]string{}}
	n.peers = "127.0.0.1:" + strconv.Itoa(freePort(t))
	n.hub = startChild(t, true, "demo", "--data", n.hubData, "--http", "127.0.0.1:0", "--peers", n.peers)
	n.door = n.hub.door
	for _, name := range names {
		link := strings.TrimSpace(mustRun(t, "peer", "add", name, "--data", n.hubData, "--peers", n.peers))
		n.datas[name], n.links[name] = t.TempDir(), link
		n.venues[name] = startChild(t, false, "serve", "--data", n.datas[name], "--http", "127.0.0.1:0", "--join", link)
	}
	for _, v := range n.venues {
		n.waitDoor(t, v)
	}
	return n
}

// waitDoor waits until the node knows the demo's door, come down from the hub.
func (n *network) waitDoor(tb testing.TB, at *child) {
	tb.Helper()
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		req, _ := newRequest("GET", at.base+"/api/actions/1/door/feed?since=0", n.door, "")
		if resp, err := httpClient.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		if time.Now().After(deadline) {
			tb.Fatal("the demo door did not come down to a venue")
		}
	}
}

func freePort(tb testing.TB) int {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// scan checks in code at the node's door and wants it acknowledged.
func (n *network) scan(tb testing.TB, at *child, id, code string) {
	tb.Helper()
	body := fmt.Sprintf(`{"id":%q,"code":%q}`, id, code)
	if status := tryPost(at.base+"/api/actions/1/checkins", n.door, body); status != 201 && status != 200 {
		tb.Fatalf("scan %s = %d", id, status)
	}
}

// holdsAll waits up to d until the node with data holds every id.
func holdsAll(tb testing.TB, data string, d time.Duration, ids ...string) time.Duration {
	tb.Helper()
	start := time.Now()
	for {
		stored := storedCheckIns(tb, data)
		var missing []string
		for _, id := range ids {
			if !stored[id] {
				missing = append(missing, id)
			}
		}
		if len(missing) == 0 {
			return time.Since(start)
		}
		if time.Since(start) > d {
			tb.Fatalf("after %v, %d of %d check-ins missing in %s: %v", d, len(missing), len(ids), filepath.Base(data),
				missing[:min(len(missing), 10)])
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// counted is the check-ins in force at the demo action, over raw SQL, and
// for how many distinct leaders.
func counted(tb testing.TB, data string) (rows, leaders int) {
	tb.Helper()
	db := openDB(tb, data)
	defer db.Close()
	err := db.QueryRow(`SELECT count(*), count(DISTINCT leader_id) FROM checkins
		WHERE action_id = 1 AND undone_at IS NULL`).Scan(&rows, &leaders)
	if err != nil {
		tb.Fatal(err)
	}
	return rows, leaders
}

// TestNetworkOfNodes: scans at two venues reach the hub within a second
// while linked; with the hub down both venues keep scanning; the same
// leader scanned at both venues while apart is counted once everywhere once
// the hub is back, and the later venue learns where the leader came in.
func TestNetworkOfNodes(t *testing.T) {
	if testing.Short() {
		t.Skip("starts server processes")
	}
	n := startNetwork(t, "durham", "raleigh")
	codes := rosterCodes(t, n.hubData)
	durham, raleigh := n.venues["durham"], n.venues["raleigh"]
	n.scan(t, durham, "net-warmup-durham", codes[0])
	n.scan(t, raleigh, "net-warmup-raleigh", codes[1])
	holdsAll(t, n.hubData, 30*time.Second, "net-warmup-durham", "net-warmup-raleigh")

	n.scan(t, durham, "net-linked-durham", codes[2])
	n.scan(t, raleigh, "net-linked-raleigh", codes[3])
	took := holdsAll(t, n.hubData, 5*time.Second, "net-linked-durham", "net-linked-raleigh")
	t.Logf("scans at two venues at the hub after %v", took)
	if took > time.Second {
		t.Errorf("scans reached the hub after %v, want within 1s", took)
	}

	n.hub.cmd.Process.Kill()
	n.hub.cmd.Wait()
	var apart []string
	for i := 10; i < 60; i++ {
		id := fmt.Sprintf("net-apart-durham-%d", i)
		n.scan(t, durham, id, codes[i])
		apart = append(apart, id)
		id = fmt.Sprintf("net-apart-raleigh-%d", i)
		n.scan(t, raleigh, id, codes[i+100])
		apart = append(apart, id)
	}
	n.scan(t, durham, "net-same-durham", codes[500]) // first
	time.Sleep(5 * time.Millisecond)
	n.scan(t, raleigh, "net-same-raleigh", codes[500])

	waitingOutApart(t, n.datas["durham"], 51)

	n.hub = startChild(t, false, "serve", "--data", n.hubData, "--http", "127.0.0.1:0", "--peers", n.peers)
	all := append(apart, "net-same-durham", "net-same-raleigh", "net-linked-durham", "net-linked-raleigh")
	took = holdsAll(t, n.hubData, 60*time.Second, all...)
	t.Logf("hub has every venue's scans %v after it came back", took)
	for _, data := range []string{n.datas["durham"], n.datas["raleigh"]} {
		holdsAll(t, data, 30*time.Second, all...)
	}
	wantRows := 2 + 2 + 100 + 1
	for name, data := range map[string]string{"hub": n.hubData, "durham": n.datas["durham"], "raleigh": n.datas["raleigh"]} {
		if rows, leaders := counted(t, data); rows != wantRows || leaders != wantRows {
			t.Errorf("%s counts %d check-ins for %d leaders, want %d for %d", name, rows, leaders, wantRows, wantRows)
		}
	}
	body := fmt.Sprintf(`{"id":"net-same-raleigh","code":%q}`, codes[500])
	_, b := postRead(raleigh.base+"/api/actions/1/checkins", n.door, body)
	if reply := string(b); !strings.Contains(reply, "already_checked_in") || !strings.Contains(reply, "durham") {
		t.Errorf("raleigh's later scan now answers %s, want already checked in at durham", reply)
	}
}

// waitingOutApart waits until the node with data records its link to the
// hub down with at least want writes waiting out: the ones made apart.
func waitingOutApart(tb testing.TB, data string, want int64) {
	tb.Helper()
	db := openDB(tb, data)
	defer db.Close()
	var up bool
	var out int64
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		db.QueryRow(`SELECT up, waiting_out FROM peer_links WHERE role = 'parent'`).Scan(&up, &out)
		if !up && out >= want {
			return
		}
		if time.Now().After(deadline) {
			tb.Fatalf("the venue's link to the hub: up %v, %d waiting out; want down with at least %d", up, out, want)
		}
	}
}

// TestSingleNodeStartsNoNetwork: without --peers or --join, serve starts no
// NATS server, keeps no JetStream folder and writes no outbox.
func TestSingleNodeStartsNoNetwork(t *testing.T) {
	data := t.TempDir()
	base, printed := startDemo(t, data)
	door := regexp.MustCompile(`Door token:\s+(door_\w+)`).FindStringSubmatch(printed.String())
	if door == nil {
		t.Fatalf("demo printed no door token: %s", printed.String())
	}
	codes := rosterCodes(t, data)
	if status := tryPost(base+"/api/actions/1/checkins", door[1], `{"id":"single-node-1","code":"`+codes[0]+`"}`); status != 201 {
		t.Fatalf("check-in = %d", status)
	}
	if _, err := os.Stat(filepath.Join(data, "nats")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a single node made a JetStream folder: %v", err)
	}
	db := openDB(t, data)
	defer db.Close()
	var outbox, self int
	db.QueryRow(`SELECT (SELECT count(*) FROM peer_outbox), (SELECT count(*) FROM peer_self)`).Scan(&outbox, &self)
	if outbox != 0 || self != 0 {
		t.Errorf("a single node wrote %d outbox rows and %d self rows, want none", outbox, self)
	}
}
