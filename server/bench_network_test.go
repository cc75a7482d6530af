package server

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"presente/server/lan"
	"presente/server/peer"
	"presente/server/store"
)

const (
	figNetwork    = "a network of nodes"
	networkQueued = 10_000 // writes a venue makes while its link is down
	networkCPU    = 5_000  // check-ins timed for CPU, linked and alone
)

// benchNetwork measures a hub and a venue in this process: how long the hub
// takes to hold 10,000 check-ins a venue made while cut off, once the link
// is back, against the hub committing as many itself; and the CPU a
// check-in costs at a venue linked to a hub (both nodes, NATS included)
// against the same check-ins on a single node.
func benchNetwork(t *testing.T, rep *benchReport) {
	hub := startTestServer(t, t.TempDir())
	f := hub.seed(t)
	codes := benchLeaders(t, hub.Store().Path(), institutionIDs(f), networkCPU+networkQueued, 0)
	alone := startTestServer(t, copyData(t, hub))
	venue := startTestServer(t, copyData(t, hub))
	hubNode, link := startHubNode(t, hub)
	startNode(t, venue, peer.Config{Name: link.Name, Dir: filepath.Join(venue.Dir, "nats"), Join: &link})
	// The roster (every leader) comes down once when a venue joins: let it,
	// so no window below pays for it. Records apply in the order the hub
	// changed them, so a chapter created last is there once all are.
	if _, err := hub.Store().CreateChapter(context.Background(), "Roster settled"); err != nil {
		t.Fatal(err)
	}
	waitCount(t, venue, `SELECT count(*) FROM chapters WHERE name = 'Roster settled'`, 1, time.Minute)

	aloneCPU, _ := cpuDuring(func() { checkInAll(t, alone.Store(), f.Action, "alone", codes[:networkCPU]) })
	linkedCPU, _ := cpuDuring(func() {
		checkInAll(t, venue.Store(), f.Action, "linked", codes[:networkCPU])
		waitTotal(t, hub, f.Action, networkCPU, time.Minute)
	})
	_, commit := cpuDuring(func() { checkInAll(t, alone.Store(), f.Action, "alone-rest", codes[networkCPU:]) })

	addr := hubNode.LeafAddr()
	hubNode.Close()
	checkInAll(t, venue.Store(), f.Action, "queued", codes[networkCPU:])
	start := time.Now()
	startNode(t, hub, peer.Config{Name: "hub", Dir: filepath.Join(hub.Dir, "nats"), Listen: addr, Cert: nodeCert(t, hub).TLS})
	waitTotal(t, hub, f.Action, networkCPU+networkQueued, 5*time.Minute)
	converge := time.Since(start)

	per := func(d time.Duration) float64 { return micros(d) / networkCPU }
	rep.Add(
		benchFigure(figNetwork, "hub holds 10,000 writes queued at a venue, after the link is back", "ms",
			benchMs(converge)).Against(benchMs(commit)).
			Noted("baseline: the hub committing the same %d check-ins itself", networkQueued),
		benchFigure(figNetwork, "CPU per check-in at a venue linked to a hub", "µs", per(linkedCPU)).
			Against(per(aloneCPU)).
			Noted("baseline: the same check-ins on a single node; linked counts both nodes and NATS, until the hub holds them all"))
}

// copyData starts a venue's data folder from a copy of ts's database.
func copyData(tb testing.TB, ts *testServer) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := ts.Store().Backup(context.Background(), filepath.Join(dir, "presente.db")); err != nil {
		tb.Fatal(err)
	}
	return dir
}

func nodeCert(tb testing.TB, ts *testServer) lan.Certificate {
	tb.Helper()
	c, err := lan.LoadCertificate(ts.Dir, "", "")
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// startHubNode makes ts a hub accepting a venue that shares actions (every
// action when none is given), and returns the venue's link.
func startHubNode(tb testing.TB, ts *testServer, actions ...int64) (*peer.Node, peer.Link) {
	tb.Helper()
	cert := nodeCert(tb, ts)
	secret, err := ts.Store().AddPeer(context.Background(), "venue", actions...)
	if err != nil {
		tb.Fatal(err)
	}
	n := startNode(tb, ts, peer.Config{Name: "hub", Dir: filepath.Join(ts.Dir, "nats"), Listen: "127.0.0.1:0", Cert: cert.TLS})
	return n, peer.Link{Addr: n.LeafAddr(), Parent: "hub", Name: "venue", Secret: secret,
		Fingerprint: peer.NormalizeFingerprint(cert.Fingerprint)}
}

func startNode(tb testing.TB, ts *testServer, cfg peer.Config) *peer.Node {
	tb.Helper()
	n, err := ts.StartNetwork(context.Background(), cfg)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { n.Close() })
	return n
}

// checkInAll checks in every code at action, in batches as door phones
// send their queues.
func checkInAll(tb testing.TB, st *store.Store, action int64, prefix string, codes []string) {
	tb.Helper()
	for i := 0; i < len(codes); i += 500 {
		var ins []store.CheckIn
		for j := i; j < min(i+500, len(codes)); j++ {
			ins = append(ins, store.CheckIn{ID: fmt.Sprintf("%s-%06d", prefix, j), Action: action, Code: codes[j]})
		}
		_, errs := st.CheckInMany(context.Background(), ins)
		for _, err := range errs {
			if err != nil {
				tb.Fatal(err)
			}
		}
	}
}

// waitTotal waits until ts's database counts n present at action.
func waitTotal(tb testing.TB, ts *testServer, action int64, n int, d time.Duration) {
	tb.Helper()
	waitCount(tb, ts, `SELECT (SELECT count(*) FROM checkins WHERE action_id = ?1 AND undone_at IS NULL)
		+ (SELECT coalesce(sum(count), 0) FROM headcounts WHERE action_id = ?1 AND undone_at IS NULL)`, n, d, action)
}

// waitCount waits until query, run on ts's database, counts at least n.
// It keeps one connection: the CPU it costs counts in the windows it
// waits in.
func waitCount(tb testing.TB, ts *testServer, query string, n int, d time.Duration, args ...any) {
	tb.Helper()
	db := benchDB(tb, ts.Store().Path())
	defer db.Close()
	got := 0
	for deadline := time.Now().Add(d); ; time.Sleep(20 * time.Millisecond) {
		if err := db.QueryRow(query, args...).Scan(&got); err != nil {
			tb.Fatalf("count: %v", err)
		}
		if got >= n {
			return
		}
		if time.Now().After(deadline) {
			tb.Fatalf("after %v %s counts %d, want %d", d, ts.Dir, got, n)
		}
	}
}
