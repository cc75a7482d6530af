package store

import (
	"context"
	"testing"
)

func TestPragmasOnEveryConnection(t *testing.T) {
	st, _ := openTest(t)
	ctx := context.Background()
	// Hold several read connections at once so the pool opens new ones.
	var conns []interface{ Close() error }
	for range 3 {
		c, err := st.read.Conn(ctx)
		check(t, err)
		conns = append(conns, c)
		var mode string
		var sync, fk int
		check(t, c.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode))
		check(t, c.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&sync))
		check(t, c.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk))
		if mode != "wal" || sync != 2 || fk != 1 {
			t.Errorf("connection pragmas: journal_mode %q synchronous %d foreign_keys %d; want wal 2 (FULL) 1", mode, sync, fk)
		}
	}
	for _, c := range conns {
		c.Close()
	}
	var sync int
	check(t, st.writeDB.QueryRow(`PRAGMA synchronous`).Scan(&sync))
	if sync != 2 {
		t.Errorf("writer synchronous = %d, want 2 (FULL)", sync)
	}
}
