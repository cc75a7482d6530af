package store

import (
	"context"
	"path/filepath"
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
		got, err := w.st.PeerMayWrite(ctx, tc.peer, uids[tc.action])
		if err != nil || got != tc.want {
			t.Errorf("PeerMayWrite(%s, %d) = %v, %v; want %v", tc.peer, tc.action, got, err, tc.want)
		}
	}
}
