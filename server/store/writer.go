package store

import (
	"context"
	"database/sql"
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
	At          time.Time
}

type writeReq struct {
	ctx  context.Context
	fn   func(tx *sql.Tx) ([]Event, error)
	done chan error
}

// write runs fn inside the writer's next transaction and returns only after
// that transaction committed (nil) or fn's work was rolled back (an error).
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) ([]Event, error)) error {
	req, err := s.enqueue(ctx, fn)
	if err != nil {
		return err
	}
	// Once queued, wait for the outcome even if ctx ends: the write may commit,
	// and the caller must not report failure for a write that happened.
	return <-req.done
}

// enqueue hands fn to the writer without waiting for it. Writes enqueued one
// after another run in that order.
func (s *Store) enqueue(ctx context.Context, fn func(tx *sql.Tx) ([]Event, error)) (req *writeReq, err error) {
	req = &writeReq{ctx: ctx, fn: fn, done: make(chan error, 1)}
	defer func() {
		if recover() != nil { // the writes channel is closed
			req, err = nil, ErrClosed
		}
	}()
	select {
	case s.writes <- req:
		return req, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (s *Store) writer() {
	defer close(s.done)
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

// commitGroup runs each write under its own savepoint, so a failing write
// undoes only itself, then commits once for the whole group.
func (s *Store) commitGroup(group []*writeReq) {
	errs := make([]error, len(group))
	var events []Event
	tx, err := s.writeDB.Begin()
	if err != nil {
		answerAll(group, fmt.Errorf("begin write: %w", err))
		return
	}
	for i, req := range group {
		if err := req.ctx.Err(); err != nil {
			errs[i] = err
			continue
		}
		evs, err := runSavepoint(tx, req.fn)
		errs[i] = err
		events = append(events, evs...)
	}
	if err := tx.Commit(); err != nil {
		tx.Rollback()
		answerAll(group, fmt.Errorf("commit: %w", err))
		return
	}
	if len(events) > 0 {
		s.commit(events)
	}
	for i, req := range group {
		req.done <- errs[i]
	}
}

func runSavepoint(tx *sql.Tx, fn func(tx *sql.Tx) ([]Event, error)) (evs []Event, err error) {
	if _, err := tx.Exec(`SAVEPOINT w`); err != nil {
		return nil, fmt.Errorf("savepoint: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			evs, err = nil, fmt.Errorf("write panicked: %v", p)
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
