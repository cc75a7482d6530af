package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// seen is what the writer connection's update hook saw the current write
// change in the tables the index mirrors. The hook runs on the writer's
// goroutine, inside the statement that made the change. (SQLite calls no
// hook for tables WITHOUT ROWID: badge codes change only with their
// leader's row, and stored answers only in writes that keep the index.)
type seen struct {
	leaders []int64
	places  bool // institutions or chapters
	actions bool // an action's row (its door limit is in the roster's version)
	counted bool // check-ins, headcounts or walk-ins
}

func (c *seen) reset() { *c = seen{leaders: c.leaders[:0]} }

func (c *seen) record(_ int, _, table string, rowid int64) {
	switch table {
	case "leaders":
		c.leaders = append(c.leaders, rowid)
	case "institutions", "chapters":
		c.places = true
	case "actions":
		c.actions = true
	case "checkins", "headcounts", "walkins":
		c.counted = true
	}
}

// hookedConnector opens the writer's connection with the update hook set,
// and without automatic checkpoints: the checkpointer makes them.
type hookedConnector struct {
	drv *sqlite3.SQLiteDriver
	dsn string
}

func newHookedConnector(dsn string, c *seen) hookedConnector {
	return hookedConnector{dsn: dsn, drv: &sqlite3.SQLiteDriver{ConnectHook: func(conn *sqlite3.SQLiteConn) error {
		conn.RegisterUpdateHook(c.record)
		_, err := conn.Exec(`PRAGMA wal_autocheckpoint = 0`, nil)
		return err
	}}}
}

func (h hookedConnector) Connect(context.Context) (driver.Conn, error) { return h.drv.Open(h.dsn) }

func (h hookedConnector) Driver() driver.Driver { return h.drv }

// maxReloads is how many leaders one write may change before the index is
// rebuilt whole rather than leader by leader (an import).
const maxReloads = 500

// follow has the index catch up with what a write that does not keep it
// changed. It cannot fail the write: what it cannot reload is rebuilt.
func (s *Store) follow(tx *sql.Tx) {
	c := &s.seen
	if len(c.leaders) > 0 || c.places || c.actions {
		s.roster.touched = true
	}
	switch {
	case !s.ix.built:
	case c.counted || len(c.leaders) > maxReloads:
		s.ix.built = false
	case c.places:
		if s.ix.loadPlaces(tx) != nil {
			s.ix.built = false
		}
	}
	for _, id := range c.leaders {
		if !s.ix.built {
			break
		}
		if s.ix.reloadLeader(tx, id) != nil {
			s.ix.built = false
		}
	}
}

// mark is what the writer last saw of the file: its data_version, which
// moves when another connection (most likely another process) commits, and
// the writer connection's total_changes(), which moves when anything but
// the writer changes rows through that connection.
type mark struct{ version, changes int64 }

// readMark reads the mark inside tx.
func readMark(tx *sql.Tx) (mark, error) {
	var m mark
	err := tx.QueryRow(`SELECT data_version, total_changes() FROM pragma_data_version`).Scan(&m.version, &m.changes)
	if err != nil {
		return m, fmt.Errorf("data version: %w", err)
	}
	return m, nil
}

// checkMark, at the start of a group, marks the index for a rebuild when
// someone else changed the file since the writer last looked.
func (s *Store) checkMark(tx *sql.Tx) error {
	m, err := readMark(tx)
	if err != nil {
		return err
	}
	if m != s.mark {
		s.mark, s.ix.built = m, false
		s.roster.touched = true // another process wrote: the roster may have changed
	}
	return nil
}

// keepMark, at the end of a group, notes the changes the group itself made.
func (s *Store) keepMark(tx *sql.Tx) {
	m, err := readMark(tx)
	if err != nil {
		m.changes = -1 // rebuild, to be sure
	}
	s.mark = m
}

// indexIn is the index, built inside tx first if it has to be.
func (s *Store) indexIn(tx *sql.Tx) (*index, error) {
	if !s.ix.built {
		if err := s.ix.rebuild(tx); err != nil {
			return nil, err
		}
	}
	return s.ix, nil
}

// warmIndex builds the index as the writer starts, so the first check-in
// does not wait for it. Should it fail, the first write that needs it tries
// again.
func (s *Store) warmIndex() {
	tx, err := s.writeDB.Begin()
	if err != nil {
		return
	}
	defer tx.Rollback()
	if s.checkMark(tx) == nil {
		s.indexIn(tx)
	}
}

// Ready returns once the writer is ready to answer a check-in at once: its
// index built. Writes sent earlier wait for it anyway; Ready tells when.
func (s *Store) Ready(ctx context.Context) error {
	return s.writeOwn(ctx, true, func(tx *sql.Tx) ([]Event, error) {
		_, err := s.indexIn(tx)
		return nil, err
	})
}
