// Package store keeps Presente's data in one SQLite file: the roster, actions,
// commitments, credentials and every check-in. All SQL lives here.
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
	"sync"
	"sync/atomic"
	"time"

	_ "github.com/mattn/go-sqlite3"
)

// Store is the SQLite database behind one Presente install. Reads go through
// a pool; every write goes through one writer goroutine that commits whatever
// is waiting in one transaction (group commit).
type Store struct {
	path    string
	read    *sql.DB
	writeDB *sql.DB
	tokens  *tokenCache
	writes  chan *writeReq
	closed  bool         // set by Close, under sending
	sending sync.RWMutex // held to send on writes, and by Close to close it
	done    chan struct{}
	// networked: this node takes part in a network (peer_self has its
	// row), so the writer names each arrival's venue; a single node's
	// writer does not even ask.
	networked atomic.Bool
	commit    func([]Event)
	now       func() time.Time
	close     sync.Once
	// The writer goroutine's own: what it knows by heart, what the update
	// hook saw the current write change, and what it last saw of the file.
	ix   *index
	seen seen
	mark mark
	// roster says what doors hold changed in the group being written
	// (rosterGen, roster_version.go).
	roster rosterMark
	// The checkpointer's: closed to stop it, and once it stopped.
	stopCheckpoints, checkpointed chan struct{}
}

// Options tune a Store. The zero value is what production uses.
type Options struct {
	// OnCommit is called by the writer, in commit order, with the events of
	// every transaction right after it committed and before any caller is
	// answered. It must not block for long.
	OnCommit func([]Event)
	// Now replaces the clock in tests.
	Now func() time.Time
}

// Open opens (creating if needed) the database at path, applies pending
// migrations and starts the writer.
func Open(ctx context.Context, path string, opt Options) (*Store, error) {
	if err := keepPrivate(path); err != nil {
		return nil, err
	}
	s := &Store{path: path, writes: make(chan *writeReq, 1024), done: make(chan struct{}),
		commit: opt.OnCommit, now: opt.Now, ix: newIndex(), roster: rosterMark{boot: randomBase32(6)},
		stopCheckpoints: make(chan struct{}), checkpointed: make(chan struct{})}
	write := sql.OpenDB(newHookedConnector(dsn(path, false), &s.seen))
	// One writer connection: SQLite allows one writer at a time anyway, and a
	// single connection keeps BEGIN IMMEDIATE from ever waiting on ourselves.
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	if err := migrate(ctx, write); err != nil {
		write.Close()
		return nil, err
	}
	networked, err := outboxTriggersIfPeering(ctx, write)
	if err != nil {
		write.Close()
		return nil, err
	}
	s.networked.Store(networked)
	read, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open %s for reading: %w", filepath.Base(path), err)
	}
	read.SetMaxOpenConns(8)
	read.SetMaxIdleConns(8)
	tokens, err := openTokenCache(ctx, dsn(path, true))
	if err != nil {
		read.Close()
		write.Close()
		return nil, err
	}
	s.read, s.writeDB, s.tokens = read, write, tokens
	if s.commit == nil {
		s.commit = func([]Event) {}
	}
	if s.now == nil {
		s.now = time.Now
	}
	go s.writer()
	go s.checkpointer()
	return s, nil
}

// keepPrivate makes the database readable by its owner only before SQLite
// opens it: the roster is sensitive. SQLite makes a new database 0644 (less
// the umask), and its WAL and shared-memory files with the database file's
// permissions; so the file is made 0600 first, and an existing one, with
// any WAL or shared-memory file a crash left, is set to 0600.
func keepPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("open %s: %w", filepath.Base(path), err)
	}
	f.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
		if err := os.Chmod(p, 0o600); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("keep %s private: %w", filepath.Base(p), err)
		}
	}
	return nil
}

// dsn puts every pragma in the connection string so that each new pooled
// connection gets it, not only the first one.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	// FULL: an acknowledged check-in survives a power cut, not only a crash.
	q.Set("_synchronous", "FULL")
	q.Set("_busy_timeout", "10000")
	q.Set("_foreign_keys", "on")
	q.Set("_txlock", "immediate")
	q.Set("_cache_size", "-16000")
	// Reuse prepared statements: preparing cost more than running them.
	q.Set("_stmt_cache_size", "64")
	if readOnly {
		q.Set("_query_only", "true")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Close stops the writer after the writes already queued, then closes the
// database. Writes submitted after Close fail with ErrClosed.
func (s *Store) Close() error {
	var err error
	s.close.Do(func() {
		s.sending.Lock()
		s.closed = true
		close(s.writes)
		s.sending.Unlock()
		<-s.done
		close(s.stopCheckpoints)
		<-s.checkpointed
		err = errors.Join(s.tokens.Close(), s.read.Close(), s.writeDB.Close())
	})
	return err
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Ref names a record.
type Ref struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}
