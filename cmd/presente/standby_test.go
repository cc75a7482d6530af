package main

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestStandbyTakesOverFromAKilledVenue: a hub, two venues and durham's
// standby. Doors scan at durham's primary until it is killed with SIGKILL,
// then go on at the standby that joined it (sending again what was not
// answered, with the same ids), while raleigh's door scans too — some of
// the same leaders. Once the primary is back, every node holds every
// acknowledged check-in, and counts each leader once: checked over raw SQL
// on every node.
func TestStandbyTakesOverFromAKilledVenue(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills server processes")
	}
	n := startNetwork(t, "durham", "raleigh")
	codes := rosterCodes(t, n.hubData)
	const total, atRaleigh = 600, 100 // half of raleigh's are leaders durham scans too
	if len(codes) <= total+atRaleigh/2 {
		t.Fatalf("the demo roster has %d codes, want more than %d", len(codes), total+atRaleigh/2)
	}
	durhamPeers := "127.0.0.1:" + strconv.Itoa(freePort(t))
	durham := n.restartVenue(t, "durham", "--peers", durhamPeers)
	standbyLink := strings.TrimSpace(mustRun(t, "peer", "add", "durham-standby", "--standby", "--data", n.datas["durham"], "--peers", durhamPeers))
	if !strings.Contains(standbyLink, "venue=durham") {
		t.Errorf("the standby's link %q does not name its venue, durham", standbyLink)
	}
	standbyData := t.TempDir()
	standby := startChild(t, false, "serve", "--data", standbyData, "--http", "127.0.0.1:0", "--join", standbyLink)
	n.waitDoor(t, standby)
	waitVenue(t, durham, n.door, "standby")
	waitVenue(t, standby, n.door, "primary")
	n.scan(t, standby, "standby-warmup", codes[0])
	holdsAll(t, n.datas["durham"], 30*time.Second, "standby-warmup")

	var acked sync.Map
	var nAcked atomic.Int64
	var target atomic.Pointer[child]
	target.Store(durham)
	var wg sync.WaitGroup
	var amber atomic.Int64
	wg.Add(1)
	go func() { // raleigh, all along
		defer wg.Done()
		for i := 1; i <= atRaleigh; i++ {
			code := codes[total+i] // a leader only raleigh sees
			if i%2 == 0 {
				code = codes[i] // one durham or its standby scans too
			}
			id := fmt.Sprintf("ra-%06d", i)
			switch status := tryPost(n.venues["raleigh"].base+"/api/actions/1/checkins", n.door,
				fmt.Sprintf(`{"id":%q,"code":%q}`, id, code)); status {
			case 201: // checked in: a check-in every node must hold
				acked.Store(id, true)
			case 200: // amber: durham's check-in of the leader came first and reached raleigh; nothing to hold
				amber.Add(1)
			default:
				t.Errorf("raleigh's %s answered %d", id, status)
			}
			time.Sleep(2 * time.Millisecond)
		}
	}()
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 1 + w; i <= total; i += 8 {
				id := fmt.Sprintf("sb-%06d", i)
				body := fmt.Sprintf(`{"id":%q,"code":%q}`, id, codes[i])
				for try := 0; ; try++ {
					status := tryPost(target.Load().base+"/api/actions/1/checkins", n.door, body)
					if status == 201 || status == 200 {
						acked.Store(id, true)
						nAcked.Add(1)
						break
					}
					if try > 100 {
						t.Errorf("%s never acknowledged (last %d)", id, status)
						return
					}
					target.Store(standby) // the primary does not answer: the standby does
					time.Sleep(10 * time.Millisecond)
				}
			}
		}()
	}
	for nAcked.Load() < 150 {
		time.Sleep(5 * time.Millisecond)
	}
	durham.cmd.Process.Kill() // SIGKILL under load
	durham.cmd.Wait()
	wg.Wait()
	n.restartVenue(t, "durham", "--peers", durhamPeers)

	var ids []string
	acked.Range(func(k, _ any) bool { ids = append(ids, k.(string)); return true })
	slices.Sort(ids)
	if want := total + atRaleigh - int(amber.Load()); len(ids) != want {
		t.Fatalf("%d of %d check-ins acknowledged (raleigh answered %d amber)", len(ids), want, amber.Load())
	}
	t.Logf("raleigh answered %d of its leaders also scanned at durham amber, having heard of durham's first", amber.Load())
	nodes := map[string]string{"hub": n.hubData, "durham": n.datas["durham"], "standby": standbyData,
		"raleigh": n.datas["raleigh"]}
	for name, data := range nodes {
		took := holdsAll(t, data, 60*time.Second, ids...)
		t.Logf("%s holds every acknowledged check-in %v after the primary came back", name, took)
	}
	for name, data := range nodes {
		rows, leaders := counted(t, data)
		// + the warm-up scan, + raleigh's own leaders: each leader once
		if want := total + 1 + atRaleigh/2; rows != want || leaders != want {
			t.Errorf("%s counts %d check-ins for %d leaders, want %d for %d", name, rows, leaders, want, want)
		}
	}
}

// restartVenue stops the venue's process if it runs, then serves its data
// folder again with its join link and extra flags.
func (n *network) restartVenue(tb testing.TB, name string, extra ...string) *child {
	tb.Helper()
	if c := n.venues[name]; c != nil && c.cmd.ProcessState == nil {
		c.cmd.Process.Signal(os.Interrupt)
		c.cmd.Wait()
	}
	link := strings.TrimSpace(n.links[name])
	args := append([]string{"serve", "--data", n.datas[name], "--http", "127.0.0.1:0", "--join", link}, extra...)
	n.venues[name] = startChild(tb, false, args...)
	return n.venues[name]
}

// waitVenue waits until the door's session at node names the venue's other
// node (side: "standby" at the primary, "primary" at the standby) at its
// HTTPS address, as each node announced it over the link.
func waitVenue(tb testing.TB, node *child, door, side string) {
	tb.Helper()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		var me struct{ Venue map[string][]string }
		req, _ := newRequest("GET", node.base+"/api/session", door, "")
		if resp, err := httpClient.Do(req); err == nil {
			json.NewDecoder(resp.Body).Decode(&me)
			resp.Body.Close()
		}
		if got := me.Venue[side]; len(got) == 1 && strings.HasPrefix(got[0], "https://127.0.0.1:") {
			return
		}
		if time.Now().After(deadline) {
			tb.Fatalf("the door's venue at %s = %v, want the %s's HTTPS address", node.base, me.Venue, side)
		}
	}
}
