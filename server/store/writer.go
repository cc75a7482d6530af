package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// maxGroup bounds how many waiting writes share one transaction, so one
// commit never holds the answers of a whole burst for long.
const maxGroup = 256

// Event is one committed change that moves a count, handed to OnCommit.
type Event struct {
	Kind        string // "checkin", "undo", "headcount", "headcount_undo", "structure", "purge"
	Action      int64
	Institution int64
	Leader      int64 // the leader checked in or undone; 0 for headcounts and structure
	Delta       int
	At          time.Time // when the change was made: for an undo, the undo
	// Ref is the client id of the check-in or headcount counted or uncounted,
	// and Arrived when that arrival happened (scanned, or counted in bulk).
	Ref     string
	Arrived time.Time
	// Venue is the hall that arrival counts in, on a node of a network
	// (placeArrivals); "" on a single node.
	Venue string
}

type writeReq struct {
	ctx context.Context
	fn  func(tx *sql.Tx) ([]Event, error)
	// own: fn keeps the writer's index exact itself, so what the update hook
	// saw it change is not reloaded.
	own bool
	// single: fn changes the database by one statement at most, which SQLite
	// undoes by itself when it fails, so it runs without a savepoint.
	single bool
	done   chan error
}

// write runs fn inside the writer's next transaction and returns only after
// that transaction committed (nil) or fn's work was rolled back (an error).
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) ([]Event, error)) error {
	return s.await(s.enqueue(ctx, &writeReq{fn: fn}))
}

// writeOwn is write for a write that keeps the writer's index itself.
func (s *Store) writeOwn(ctx context.Context, single bool, fn func(tx *sql.Tx) ([]Event, error)) error {
	return s.await(s.enqueue(ctx, &writeReq{fn: fn, own: true, single: single}))
}

// await waits for a queued write's outcome even if its context ends: the
// write may commit, and the caller must not report failure for a write that
// happened.
func (s *Store) await(req *writeReq, err error) error {
	if err != nil {
		return err
	}
	return <-req.done
}

// enqueue hands req to the writer without waiting for it. Writes enqueued one
// after another run in that order.
func (s *Store) enqueue(ctx context.Context, req *writeReq) (*writeReq, error) {
	req.ctx, req.done = ctx, make(chan error, 1)
	// Close waits for every send under way, so none meets a closed channel
	// (a node's loop may still write while its server shuts down).
	s.sending.RLock()
	defer s.sending.RUnlock()
	if s.closed {
		return nil, ErrClosed
	}
	select {
	case s.writes <- req:
		return req, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (s *Store) writer() {
	defer close(s.done)
	s.warmIndex()
	for req := range s.writes {
		group := []*writeReq{req}
	drain:
		for len(group) < maxGroup {
			select {
			case r, ok := <-s.writes:
				if !ok {
					break drain
				}
				group = append(group, r)
			default:
				break drain
			}
		}
		s.commitGroup(group)
	}
}

var (
	// errPanicked: the write panicked; its savepoint undid it, but what it
	// told the index cannot be known, so the index is built again.
	errPanicked = errors.New("write panicked")
	// errGroupFailed: a write without a savepoint panicked, maybe after its
	// statement ran, so the whole group is rolled back.
	errGroupFailed = errors.New("write panicked outside a savepoint")
)

// commitGroup runs each write, under its own savepoint unless it is a
// single statement, so a failing write undoes only itself, then commits once
// for the whole group. The events reach OnCommit, in order, before anyone is
// answered.
func (s *Store) commitGroup(group []*writeReq) {
	errs := make([]error, len(group))
	events := make([]Event, 0, len(group)) // most writes make one
	tx, err := s.writeDB.Begin()
	if err != nil {
		answerAll(group, fmt.Errorf("begin write: %w", err))
		return
	}
	if err := s.checkMark(tx); err != nil {
		s.abort(tx, group, err)
		return
	}
	for i, req := range group {
		if errs[i] = req.ctx.Err(); errs[i] != nil {
			continue
		}
		evs, err := s.run(tx, req)
		if errors.Is(err, errGroupFailed) {
			s.abort(tx, group, err)
			return
		}
		errs[i] = err
		events = append(events, evs...)
	}
	if s.networked.Load() {
		placeArrivals(tx, events)
	}
	s.keepMark(tx)
	if err := tx.Commit(); err != nil {
		s.abort(tx, group, fmt.Errorf("commit: %w", err))
		return
	}
	s.roster.committed()
	if len(events) > 0 {
		s.commit(events)
	}
	for i, req := range group {
		req.done <- errs[i]
	}
}

// abort rolls the group back and answers every write with err; the index
// may hold what was rolled back, so it is built again.
func (s *Store) abort(tx *sql.Tx, group []*writeReq, err error) {
	tx.Rollback()
	s.ix.built, s.mark = false, mark{changes: -1}
	s.roster.touched = false
	answerAll(group, err)
}

// run runs one write and has the index follow what it changed.
func (s *Store) run(tx *sql.Tx, req *writeReq) ([]Event, error) {
	s.seen.reset()
	var evs []Event
	var err error
	if req.single {
		evs, err = runSingle(tx, req.fn)
	} else {
		evs, err = runSavepoint(tx, req.fn)
	}
	switch {
	case errors.Is(err, errPanicked):
		s.ix.built = false
	case err == nil && !req.own:
		s.follow(tx)
	}
	return evs, err
}

func runSingle(tx *sql.Tx, fn func(tx *sql.Tx) ([]Event, error)) (evs []Event, err error) {
	defer func() {
		if p := recover(); p != nil { // its statement may have run: undo the group
			evs, err = nil, fmt.Errorf("%w: %v", errGroupFailed, p)
		}
	}()
	return fn(tx)
}

func runSavepoint(tx *sql.Tx, fn func(tx *sql.Tx) ([]Event, error)) (evs []Event, err error) {
	if _, err := tx.Exec(`SAVEPOINT w`); err != nil {
		return nil, fmt.Errorf("savepoint: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			evs, err = nil, fmt.Errorf("%w: %v", errPanicked, p)
		}
		if err != nil {
			tx.Exec(`ROLLBACK TO w`)
		}
		tx.Exec(`RELEASE w`)
	}()
	return fn(tx)
}

func answerAll(group []*writeReq, err error) {
	for _, req := range group {
		req.done <- err
	}
}
