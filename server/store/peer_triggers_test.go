package store

import (
	"context"
	"database/sql"
	"testing"
)

// TestOutboxTriggersOnlyOnANetworkNode: a single node's check-in INSERT
// runs no outbox trigger; a node that takes part in a network has them,
// sends its check-ins, and has them again when opened after a restart.
func TestOutboxTriggersOnlyOnANetworkNode(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	triggers := func(st *Store) int {
		var n int
		check(t, st.read.QueryRow(`SELECT count(*) FROM sqlite_master
			WHERE type = 'trigger' AND name IN ('peer_out_checkin', 'peer_out_undo')`).Scan(&n))
		return n
	}
	if n := triggers(w.st); n != 0 {
		t.Fatalf("a single node has %d check-in outbox triggers, want none", n)
	}
	_, err := w.checkIn(t, "alone-0001", w.codes[0][0], 0)
	check(t, err)
	check(t, w.st.SetSelf(ctx, "hub", ""))
	if n := triggers(w.st); n != 2 {
		t.Fatalf("a network node has %d check-in outbox triggers, want 2", n)
	}
	_, err = w.checkIn(t, "linked-0001", w.codes[0][1], 0)
	check(t, err)
	var sent int
	check(t, w.st.read.QueryRow(`SELECT count(*) FROM peer_outbox WHERE kind = 'checkin'
		AND client_id IN ('alone-0001', 'linked-0001')`).Scan(&sent))
	if sent != 2 {
		t.Errorf("%d of the two check-ins are in the outbox, want both (one backfilled, one by trigger)", sent)
	}
	path := w.st.path
	check(t, w.st.Close())
	db, err := sql.Open("sqlite3", dsn(path, false))
	check(t, err)
	_, err = db.Exec(`DROP TRIGGER peer_out_checkin`) // as migration 015 did
	check(t, err)
	check(t, db.Close())
	st, err := Open(ctx, path, Options{})
	check(t, err)
	defer st.Close()
	if n := triggers(st); n != 2 {
		t.Errorf("a network node reopened has %d check-in outbox triggers, want 2", n)
	}
}
