package store

import (
	"context"
	"errors"
	"slices"
	"testing"
)

// TestSharePeerChangesWhatANodeShares: a node's actions change without a
// new secret; a revoked node shares none, and a node never allowed, or
// revoked, cannot be given any.
func TestSharePeerChangesWhatANodeShares(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	other, err := w.st.CreateAction(ctx, Action{Name: "Marcha", Date: "2026-12-13"})
	check(t, err)
	secret, err := w.st.AddPeer(ctx, "durham", w.action)
	check(t, err)
	check(t, w.st.SharePeer(ctx, "durham", other.ID))
	shares, err := w.st.PeerShares(ctx)
	check(t, err)
	var otherUID string
	check(t, w.st.read.QueryRow(`SELECT uid FROM actions WHERE id = ?`, other.ID).Scan(&otherUID))
	if len(shares) != 1 || shares[0].Every || !slices.Equal(shares[0].Actions, []string{otherUID}) {
		t.Errorf("PeerShares = %+v, want durham sharing %s only", shares, otherUID)
	}
	if ok, _ := w.st.PeerAllowed(ctx, "durham", secret); !ok {
		t.Error("the node's secret no longer opens its link")
	}
	check(t, w.st.SharePeer(ctx, "durham"))
	if shares, _ = w.st.PeerShares(ctx); !shares[0].Every {
		t.Errorf("PeerShares = %+v, want durham sharing every action", shares)
	}
	check(t, w.st.RevokePeer(ctx, "durham"))
	if shares, _ = w.st.PeerShares(ctx); shares[0].Every || len(shares[0].Actions) != 0 {
		t.Errorf("PeerShares = %+v, want revoked durham sharing nothing", shares)
	}
	for _, name := range []string{"durham", "nobody"} {
		if err := w.st.SharePeer(ctx, name, w.action); !errors.Is(err, ErrNotFound) {
			t.Errorf("SharePeer(%s) = %v, want ErrNotFound", name, err)
		}
	}
}

// TestLeadersAddedAtTheirAction: a walk-in and a paper sheet's leader are
// known by the action they were added at; a leader of the roster is not.
func TestLeadersAddedAtTheirAction(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	walkin, err := w.st.AddWalkIn(ctx, WalkIn{ID: "walkin-0001", Action: w.action, Name: "Ana Nueva",
		Institution: w.inst[0], Language: "es"})
	check(t, err)
	paper, err := w.st.AddPaperLeader(ctx, PaperLeader{ID: "paper-00001", Action: w.action, Name: "Luis Papel",
		Institution: w.inst[1], Language: "es"})
	check(t, err)
	_, err = w.checkIn(t, "scan-000001", w.codes[0][0], 0)
	check(t, err)
	uid := func(id int64) string {
		var u string
		check(t, w.st.read.QueryRow(`SELECT uid FROM leaders WHERE id = ?`, id).Scan(&u))
		return u
	}
	var scanned, action string
	check(t, w.st.read.QueryRow(`SELECT uid FROM leaders WHERE code = ?`, w.codes[0][0]).Scan(&scanned))
	check(t, w.st.read.QueryRow(`SELECT uid FROM actions WHERE id = ?`, w.action).Scan(&action))
	got, err := w.st.LeadersAddedAt(ctx, []string{uid(walkin.Leader.ID), uid(paper.Leader.ID), scanned})
	check(t, err)
	want := map[string]string{uid(walkin.Leader.ID): action, uid(paper.Leader.ID): action}
	if len(got) != len(want) || got[uid(walkin.Leader.ID)] != action || got[uid(paper.Leader.ID)] != action {
		t.Errorf("LeadersAddedAt = %v, want %v", got, want)
	}
}
