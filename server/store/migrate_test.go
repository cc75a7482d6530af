package store

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"testing"
)

func TestMigrationsApplyOnceAndReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	for range 2 {
		st, err := Open(context.Background(), path, Options{})
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		var n int
		if err := st.read.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			t.Errorf("schema_migrations is empty after Open")
		}
		st.Close()
	}
}

// TestVenuesMigrationKeepsClosings: a database with closings from before
// venues (one superseded, one in force) takes migration 010: each closing
// gets a client id, is of the whole action, and stays frozen.
func TestVenuesMigrationKeepsClosings(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("sqlite3", dsn(filepath.Join(t.TempDir(), "m.db"), false))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,
		applied_at TEXT NOT NULL DEFAULT '')`); err != nil {
		t.Fatal(err)
	}
	names, _ := fs.Glob(migrations, "migrations/*.sql")
	for _, name := range names {
		if name < "migrations/010" {
			check(t, applyMigration(ctx, db, name))
		}
	}
	for _, q := range []string{`INSERT INTO actions (id, name, date) VALUES (1, 'Asamblea', '2026-12-12')`,
		`INSERT INTO credential_closings (action_id, closed_at, superseded_at) VALUES (1, '2026-12-12T10:00:00.000Z', '2026-12-12T11:00:00.000Z')`,
		`INSERT INTO credential_closings (action_id, closed_at) VALUES (1, '2026-12-12T11:00:00.000Z')`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	check(t, migrate(ctx, db))
	var n int
	check(t, db.QueryRow(`SELECT count(DISTINCT client_id) FROM credential_closings WHERE scope = '' AND origin IS NULL`).Scan(&n))
	if n != 2 {
		t.Errorf("%d closings with a client id of their own, want 2", n)
	}
	if _, err := db.Exec(`UPDATE credential_closings SET client_id = 'x' WHERE superseded_at IS NULL`); err == nil {
		t.Error("a closing's client id changed, want it frozen")
	}
}
