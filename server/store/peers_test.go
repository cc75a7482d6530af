package store

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
)

func TestCopyOfAnotherNodeIsAdopted(t *testing.T) {
	hub := newWorld(t)
	ctx := context.Background()
	check(t, hub.st.SetSelf(ctx, "hub", ""))
	_, err := hub.checkIn(t, "hub-scan-4", hub.codes[1][0], 0)
	check(t, err)
	_, err = hub.st.AddPeer(ctx, "durham")
	check(t, err)
	path := filepath.Join(t.TempDir(), "copy.db")
	check(t, hub.st.Backup(ctx, path))
	st, err := Open(ctx, path, Options{})
	check(t, err)
	defer st.Close()
	check(t, st.SetSelf(ctx, "durham", "hub"))
	if end, _ := st.OutboxEnd(ctx); end != 0 {
		t.Errorf("the copy's outbox ends at %d, want empty: the hub's writes are the hub's to send", end)
	}
	if peers, _ := st.Peers(ctx); len(peers) != 0 {
		t.Errorf("the copy keeps the hub's peers %v", peers)
	}
	var origin string
	check(t, st.read.QueryRow(`SELECT origin FROM checkins WHERE client_id = 'hub-scan-4'`).Scan(&origin))
	if origin != "hub" {
		t.Errorf("the hub's check-in has origin %q in the copy, want hub", origin)
	}
}

func TestPeerMayWriteOnlyTheActionsItShares(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	other, err := w.st.CreateAction(ctx, Action{Name: "Marcha", Date: "2026-12-13"})
	check(t, err)
	_, err = w.st.AddPeer(ctx, "durham", w.action)
	check(t, err)
	_, err = w.st.AddPeer(ctx, "raleigh")
	check(t, err)
	uids := map[int64]string{}
	for _, id := range []int64{w.action, other.ID} {
		var uid string
		check(t, w.st.read.QueryRow(`SELECT uid FROM actions WHERE id = ?`, id).Scan(&uid))
		uids[id] = uid
	}
	for _, tc := range []struct {
		peer   string
		action int64
		want   bool
	}{
		{"durham", w.action, true},
		{"durham", other.ID, false},
		{"raleigh", w.action, true},
		{"raleigh", other.ID, true},
	} {
		got, err := w.st.PeerMayWrite(ctx, tc.peer, tc.peer, uids[tc.action])
		if err != nil || got != tc.want {
			t.Errorf("PeerMayWrite(%s, %d) = %v, %v; want %v", tc.peer, tc.action, got, err, tc.want)
		}
	}
}

// TestPeerTreeScopesWritesFromBelow: a venue tells its hub of its standby,
// with the actions the venue shares with it; the hub then takes from the
// venue's link a write made at the standby only for those actions, and
// never one claimed to be made at the hub, at another venue or at a node
// nobody or two links told of.
func TestPeerTreeScopesWritesFromBelow(t *testing.T) {
	venue := newWorld(t)
	ctx := context.Background()
	other, err := venue.st.CreateAction(ctx, Action{Name: "Marcha", Date: "2026-12-13"})
	check(t, err)
	check(t, venue.st.SetSelf(ctx, "durham", "hub"))
	_, err = venue.st.AddPeer(ctx, "durham-standby", venue.action)
	check(t, err)
	uid := func(st *Store, id int64) string {
		var u string
		check(t, st.read.QueryRow(`SELECT uid FROM actions WHERE id = ?`, id).Scan(&u))
		return u
	}
	tree, err := venue.st.PeerTree(ctx)
	check(t, err)
	if len(tree) != 1 || tree[0].Name != "durham-standby" || tree[0].Every || !slices.Equal(tree[0].Actions, []string{uid(venue.st, venue.action)}) {
		t.Fatalf("the venue's tree = %+v, want its standby with the one action it shares", tree)
	}

	hubSt := venue.st // the same store, made a hub with two venues, keeps the same action uids
	check(t, hubSt.SetSelf(ctx, "hub", ""))
	if _, err := hubSt.writeDB.Exec(`DELETE FROM peer_actions; DELETE FROM peers`); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"durham-2", "raleigh"} {
		_, err := hubSt.AddPeer(ctx, p)
		check(t, err)
	}
	check(t, hubSt.SetPeerTree(ctx, "durham-2", append(tree,
		PeerBelow{Name: "raleigh", Every: true}, PeerBelow{Name: "hub", Every: true},
		PeerBelow{Name: "shared", Every: true}, PeerBelow{Name: "durham-2", Every: true})))
	check(t, hubSt.SetPeerTree(ctx, "raleigh", []PeerBelow{{Name: "shared", Every: true}}))
	a, o := uid(hubSt, venue.action), uid(hubSt, other.ID)
	for _, tc := range []struct {
		via, origin, action string
		want                bool
	}{
		{"durham-2", "durham-2", o, true},
		{"durham-2", "durham-standby", a, true},
		{"durham-2", "durham-standby", o, false},
		{"durham-2", "raleigh", a, false},
		{"durham-2", "hub", a, false},
		{"durham-2", "nobody", a, false},
		{"durham-2", "shared", a, false},
		{"raleigh", "shared", a, false},
		{"raleigh", "durham-standby", a, false},
	} {
		got, err := hubSt.PeerMayWrite(ctx, tc.via, tc.origin, tc.action)
		if err != nil || got != tc.want {
			t.Errorf("PeerMayWrite(%s, %s, %s) = %v, %v; want %v", tc.via, tc.origin, tc.action, got, err, tc.want)
		}
	}
}
