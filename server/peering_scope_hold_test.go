package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"presente/server/peer"
	"presente/server/store"
)

// TestScopedVenuesHoldOnlyTheirActions: durham shares the first action
// with the hub, raleigh the other, cary every action, and cary's standby
// the other only; the venues join with empty data folders. The hub and
// durham make a walk-in and a check-in at the first action, the hub and
// raleigh at the other. Each scoped node's database (raw SQL) and its
// JetStream files on disk hold nothing of the action it does not share:
// not the action, not its check-ins, not the names of its walk-ins. The
// hub and cary hold both.
func TestScopedVenuesHoldOnlyTheirActions(t *testing.T) {
	hub := newTestServer(t)
	f := hub.seed(t)
	first, other := actionUID(t, hub, f.Action), actionUID(t, hub, f.Other)
	invite := startScopedHub(t, hub)
	durham := joinEmpty(t, invite("durham", f.Action), false)
	raleigh := joinEmpty(t, invite("raleigh", f.Other), false)
	cary := joinEmpty(t, invite("cary"), true)
	standby := joinEmpty(t, inviteAt(t, cary, "cary-standby", localAction(t, cary.ts, other)), false)

	a := func(ts *testServer, uid string) string {
		return fmt.Sprintf("/api/actions/%d", localAction(t, ts, uid))
	}
	callWant(t, hub, 201, "POST", a(hub, first)+"/walkins", f.Door, map[string]any{"id": "hub-walkin-first",
		"name": "Ana Primera", "phone": "+19195550101", "institution": f.Institutions["Iglesia San José"], "language": "es"})
	callWant(t, hub, 201, "POST", a(hub, other)+"/checkins", f.OtherDoor, map[string]string{"id": "hub-scan-other",
		"code": f.Codes["Iglesia San José"][0]})
	callWant(t, durham.ts, 201, "POST", a(durham.ts, first)+"/checkins", f.Door, map[string]string{"id": "durham-scan",
		"code": f.Codes["Centro El Puente"][0]})
	callWant(t, raleigh.ts, 201, "POST", a(raleigh.ts, other)+"/walkins", f.OtherDoor, map[string]any{
		"id": "raleigh-walkin-other", "name": "Rosa Otra", "phone": "+19195550102", "language": "es",
		"institution": localInstitution(t, raleigh.ts, "Sindicato Local 12")})

	holds := map[*testServer][]string{hub: {first, other}, durham.ts: {first}, raleigh.ts: {other},
		cary.ts: {first, other}, standby.ts: {other}}
	for ts, uids := range holds {
		for _, uid := range uids {
			waitFor(t, 30*time.Second, "both writes of each action shared", func() bool {
				return dbTotal(t, ts.Store().Path(), localAction(t, ts, uid)) == 2
			})
		}
	}
	time.Sleep(2 * time.Second) // what should not come has had its chance
	secrets := map[string][]string{first: {first, "Ana Primera", "+19195550101"}, other: {other, "Rosa Otra", "+19195550102"}}
	for name, n := range map[string]struct {
		ts  *testServer
		not string
	}{"durham": {durham.ts, other}, "raleigh": {raleigh.ts, first}, "cary-standby": {standby.ts, first}} {
		if got := dbCount(t, n.ts, `SELECT count(*) FROM actions WHERE uid = ?`, n.not); got != 0 {
			t.Errorf("%s holds the action it does not share", name)
		}
		if got := dbCount(t, n.ts, `SELECT count(*) FROM leaders WHERE name = ? OR phone = ?`,
			secrets[n.not][1], secrets[n.not][2]); got != 0 {
			t.Errorf("%s holds the walk-in of the action it does not share", name)
		}
		if got := dbCount(t, n.ts, `SELECT count(*) FROM checkins WHERE action_id NOT IN (SELECT id FROM actions)
			OR action_id IN (SELECT id FROM actions WHERE uid = ?)`, n.not); got != 0 {
			t.Errorf("%s holds %d check-ins of the action it does not share", name, got)
		}
		for _, secret := range secrets[n.not] {
			if file := natsFileHolding(t, n.ts, secret); file != "" {
				t.Errorf("%s's JetStream holds %q (in %s)", name, secret, file)
			}
		}
	}
	for name, ts := range map[string]*testServer{"hub": hub, "cary": cary.ts} {
		for _, s := range secrets {
			if got := dbCount(t, ts, `SELECT count(*) FROM leaders WHERE name = ?`, s[1]); got != 1 {
				t.Errorf("%s holds %d of the walk-in %s, want 1", name, got, s[1])
			}
		}
	}
	if natsFileHolding(t, cary.ts, "Rosa Otra") == "" || natsFileHolding(t, hub, other) == "" {
		t.Error("the unscoped nodes' JetStream files hold no trace of a write: the check above proves nothing")
	}
}

// TestSharingAnActionLaterReachesALinkedVenue: durham, linked and sharing
// the first action only, is given the other ("peer share") and receives
// it, with the hub's check-in made before, without a restart; once it no
// longer shares it, the hub's next check-in there does not come down.
func TestSharingAnActionLaterReachesALinkedVenue(t *testing.T) {
	hub := newTestServer(t)
	f := hub.seed(t)
	other := actionUID(t, hub, f.Other)
	invite := startScopedHub(t, hub)
	durham := joinEmpty(t, invite("durham", f.Action), false)
	localAction(t, durham.ts, actionUID(t, hub, f.Action))
	o := fmt.Sprintf("/api/actions/%d", f.Other)
	callWant(t, hub, 201, "POST", o+"/checkins", f.OtherDoor, map[string]string{"id": "hub-scan-before",
		"code": f.Codes["Iglesia San José"][0]})
	time.Sleep(2 * time.Second)
	if got := dbCount(t, durham.ts, `SELECT count(*) FROM actions WHERE uid = ?`, other); got != 0 {
		t.Fatal("durham holds the other action before sharing it")
	}

	if err := hub.Store().SharePeer(context.Background(), "durham", f.Action, f.Other); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 30*time.Second, "the other action and its check-in at durham", func() bool {
		return dbTotal(t, durham.ts.Store().Path(), localAction(t, durham.ts, other)) == 1
	})

	if err := hub.Store().SharePeer(context.Background(), "durham", f.Action); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second) // the hub's next look at its links
	callWant(t, hub, 201, "POST", o+"/checkins", f.OtherDoor, map[string]string{"id": "hub-scan-after",
		"code": f.Codes["Iglesia San José"][1]})
	time.Sleep(3 * time.Second)
	if got := dbCount(t, durham.ts, `SELECT count(*) FROM checkins WHERE client_id = 'hub-scan-after'`); got != 0 {
		t.Error("durham received a check-in of an action it no longer shares")
	}
}

// scopedNode is a venue or standby of a test network.
type scopedNode struct {
	ts   *testServer
	node *peer.Node
}

// startScopedHub makes ts a hub and returns how to let a node join it.
func startScopedHub(tb testing.TB, ts *testServer) func(name string, actions ...int64) peer.Link {
	tb.Helper()
	n := startNode(tb, ts, peer.Config{Name: "hub", Dir: filepath.Join(ts.Dir, "nats"), Listen: "127.0.0.1:0",
		Cert: nodeCert(tb, ts).TLS})
	return func(name string, actions ...int64) peer.Link {
		return inviteAt(tb, scopedNode{ts: ts, node: n}, name, actions...)
	}
}

// inviteAt lets a node called name join at, sharing actions (at's ids).
func inviteAt(tb testing.TB, at scopedNode, name string, actions ...int64) peer.Link {
	tb.Helper()
	secret, err := at.ts.Store().AddPeer(context.Background(), name, actions...)
	if err != nil {
		tb.Fatal(err)
	}
	self, _, err := at.ts.Store().Self(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return peer.Link{Addr: at.node.LeafAddr(), Parent: self, Name: name, Secret: secret,
		Fingerprint: peer.NormalizeFingerprint(nodeCert(tb, at.ts).Fingerprint)}
}

// joinEmpty starts a server with an empty data folder that joins by link,
// accepting others when listen.
func joinEmpty(tb testing.TB, link peer.Link, listen bool) scopedNode {
	tb.Helper()
	ts := newTestServer(tb)
	cfg := peer.Config{Name: link.Name, Dir: filepath.Join(ts.Dir, "nats"), Join: &link}
	if listen {
		cfg.Listen, cfg.Cert = "127.0.0.1:0", nodeCert(tb, ts).TLS
	}
	return scopedNode{ts: ts, node: startNode(tb, ts, cfg)}
}

func actionUID(tb testing.TB, ts *testServer, id int64) string {
	tb.Helper()
	var uid string
	if err := benchDB(tb, ts.Store().Path()).QueryRow(`SELECT uid FROM actions WHERE id = ?`, id).Scan(&uid); err != nil {
		tb.Fatal(err)
	}
	return uid
}

// localAction is the id at ts of the action with uid, once it came down.
func localAction(tb testing.TB, ts *testServer, uid string) int64 {
	tb.Helper()
	var id int64
	waitFor(tb, 30*time.Second, "the action at the node", func() bool {
		return benchDB(tb, ts.Store().Path()).QueryRow(`SELECT id FROM actions WHERE uid = ?`, uid).Scan(&id) == nil
	})
	return id
}

// localInstitution is the id at ts of the institution called name.
func localInstitution(tb testing.TB, ts *testServer, name string) int64 {
	tb.Helper()
	var id int64
	waitFor(tb, 30*time.Second, "the institution at the node", func() bool {
		return benchDB(tb, ts.Store().Path()).QueryRow(`SELECT id FROM institutions WHERE name = ?`, name).Scan(&id) == nil
	})
	return id
}

func dbCount(tb testing.TB, ts *testServer, query string, args ...any) int {
	tb.Helper()
	var n int
	if err := benchDB(tb, ts.Store().Path()).QueryRow(query, args...).Scan(&n); err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
	return n
}

// natsFileHolding is a file of ts's JetStream (its streams, as stored on
// disk) that holds s, "" when none does.
func natsFileHolding(tb testing.TB, ts *testServer, s string) string {
	tb.Helper()
	var found string
	err := filepath.WalkDir(filepath.Join(ts.Dir, "nats"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || found != "" {
			return err
		}
		b, err := os.ReadFile(path)
		if err == nil && bytes.Contains(b, []byte(s)) {
			found = path
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return found
}

// TestWriteWhoseSubjectNamesAnotherActionIsRefused: the subject a write
// travels under decides which nodes receive it, so a node that sends a
// write of one action under another's subject (to reach the nodes of the
// other) has it refused, even for two actions it shares.
func TestWriteWhoseSubjectNamesAnotherActionIsRefused(t *testing.T) {
	hub := newTestServer(t)
	f := hub.seed(t)
	if _, err := hub.Store().AddPeer(context.Background(), "durham"); err != nil {
		t.Fatal(err)
	}
	first, other := actionUID(t, hub, f.Action), actionUID(t, hub, f.Other)
	data, err := json.Marshal(store.Write{Kind: "checkin", ID: "durham-scan-0001", Action: first, Origin: "durham",
		Code: f.Codes["Centro El Puente"][0], At: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	errs := journal{hub.Store()}.Apply(context.Background(), []peer.Incoming{
		{Via: "durham", Origin: "durham", Action: other, Data: data},
	})
	if !errors.Is(errs[0], peer.ErrForbidden) {
		t.Errorf("a write of %s under %s's subject = %v, want ErrForbidden", first, other, errs[0])
	}
	errs = journal{hub.Store()}.Apply(context.Background(), []peer.Incoming{
		{Via: "durham", Origin: "durham", Action: first, Data: data},
	})
	if errs[0] != nil {
		t.Errorf("the same write under its own action's subject = %v, want applied", errs[0])
	}
}
