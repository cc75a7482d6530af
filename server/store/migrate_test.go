package store

import (
	"context"
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
