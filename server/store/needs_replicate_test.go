package store

import (
	"context"
	"testing"
)

// needTotals is each need's total at st, in order.
func needTotals(tb testing.TB, st *Store, action int64) []int {
	tb.Helper()
	needs, err := st.Needs(context.Background(), action)
	check(tb, err)
	out := []int{}
	for _, n := range needs {
		out = append(out, n.Total)
	}
	return out
}

func TestNeedCountsReachEveryNodeOnce(t *testing.T) {
	n := newNetwork(t)
	ctx := context.Background()
	check(t, n.hub.st.SetNeeds(ctx, n.hub.action, []string{"Audífonos", "Cuidado de niños"}))
	n.exchange(t)
	count := func(st *Store, id string, position, count int) {
		t.Helper()
		_, err := st.AddNeedCount(ctx, NeedCount{ID: id, Action: n.hub.action, Position: position, Count: count,
			By: Actor{Door: n.hub.door[0]}})
		check(t, err)
	}
	count(n.spare.st, "need-standby-1", 1, 2)
	count(n.venue.st, "need-venue-1", 1, 1)
	count(n.venue.st, "need-venue-2", 2, 3)
	count(n.hub.st, "need-hub-1", 2, 1)
	// A door that sent the same tap to the venue and, failing over, to
	// its standby: counted once.
	count(n.venue.st, "need-both-1", 1, 5)
	count(n.spare.st, "need-both-1", 1, 5)
	n.exchange(t)
	for node, st := range n.nodes() {
		if got := needTotals(t, st, n.hub.action); len(got) != 2 || got[0] != 8 || got[1] != 4 {
			t.Errorf("%s: needs totals = %v, want [8 4]", node, got)
		}
	}
	res, err := n.hub.st.AddNeedCount(ctx, NeedCount{ID: "need-standby-1", Action: n.hub.action, Position: 1, Count: 2})
	check(t, err)
	if !res.Replayed || res.Count != 2 {
		t.Errorf("the standby's tap sent again to the hub = %+v, want its answer replayed", res)
	}
}
