package server

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestNewTightensTheDataFolder: a data folder others could read (755) is
// made the owner's only, and the database in it 0600.
func TestNewTightensTheDataFolder(t *testing.T) {
	defer syscall.Umask(syscall.Umask(0o022))
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ts := startTestServerWith(t, Config{DataDir: dir})
	ts.seed(t)
	for path, want := range map[string]os.FileMode{dir: 0o700, ts.Store().Path(): 0o600, ts.Store().Path() + "-wal": 0o600} {
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != want {
			t.Errorf("%s: %v %v, want mode %v", filepath.Base(path), fi.Mode().Perm(), err, want)
		}
	}
}
