package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of the database at src to dest, also while
// a server is writing to it: VACUUM INTO reads one snapshot, so the copy
// holds every transaction committed before it began and none half done. The
// copy is checked, synced and only then given its name; dest must not exist.
func Backup(ctx context.Context, src, dest string) error {
	if _, err := os.Stat(dest); !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("backup to %s: the file already exists", filepath.Base(dest))
	}
	tmp := dest + ".partial"
	// An empty file made first gives the copy owner-only permissions: the
	// roster is sensitive. VACUUM INTO accepts an empty file.
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	f.Close()
	if err := vacuumInto(ctx, src, tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := checkCopy(ctx, tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := syncFile(tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup: %w", err)
	}
	return syncFile(filepath.Dir(dest))
}

// Backup writes a consistent copy of the store's database to dest.
func (s *Store) Backup(ctx context.Context, dest string) error { return Backup(ctx, s.path, dest) }

func vacuumInto(ctx context.Context, src, dest string) error {
	if _, err := os.Stat(src); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: src}).EscapedPath()+"?_busy_timeout=10000")
	if err != nil {
		return fmt.Errorf("backup: open %s: %w", filepath.Base(src), err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, dest); err != nil {
		return fmt.Errorf("backup: vacuum into %s: %w", filepath.Base(dest), err)
	}
	return nil
}

func checkCopy(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro")
	if err != nil {
		return fmt.Errorf("backup: check copy: %w", err)
	}
	defer db.Close()
	var res string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return fmt.Errorf("backup: check copy: %w", err)
	}
	if res != "ok" {
		return fmt.Errorf("backup: the copy failed its integrity check: %s", res)
	}
	return nil
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("backup: sync: %w", err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("backup: sync %s: %w", filepath.Base(path), err)
	}
	return nil
}
