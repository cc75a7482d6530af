package store

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
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

// TestOpenKeepsFilesPrivate: under a data folder others may read (755),
// with the usual umask, the database and its WAL and shared-memory files
// are readable by their owner only, whether Open made them or found them.
func TestOpenKeepsFilesPrivate(t *testing.T) {
	defer syscall.Umask(syscall.Umask(0o022))
	dir := filepath.Join(t.TempDir(), "data")
	check(t, os.Mkdir(dir, 0o755))
	path := filepath.Join(dir, "presente.db")
	st, err := Open(context.Background(), path, Options{})
	check(t, err)
	_, err = st.CreateChapter(context.Background(), "Durham")
	check(t, err)
	wantPrivate(t, path, "made")
	st.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		os.WriteFile(p, nil, 0o644) // leaves an existing file's content, creates a missing one
		os.Chmod(p, 0o644)
	}
	st, err = Open(context.Background(), path, Options{})
	check(t, err)
	defer st.Close()
	wantPrivate(t, path, "found")
}

func wantPrivate(t *testing.T, path, how string) {
	t.Helper()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(p), err)
			continue
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s %s: mode %v, want 0600", how, filepath.Base(p), fi.Mode().Perm())
		}
	}
}
