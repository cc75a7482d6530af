package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
)

// ApplyWrites applies writes made at other nodes, in the order given,
// sharing transactions. Each applies once: a write whose client id is
// already here changes nothing. A write for an action this node does not
// have fails with ErrNotFound, and fails only itself.
func (s *Store) ApplyWrites(ctx context.Context, ws []Write) []error {
	errs := make([]error, len(ws))
	reqs := make([]*writeReq, len(ws))
	for i, w := range ws {
		reqs[i], errs[i] = s.enqueue(ctx, &writeReq{fn: s.applyFunc(w), own: true})
	}
	for i, req := range reqs {
		if req != nil {
			errs[i] = <-req.done
		}
		if errs[i] != nil {
			errs[i] = fmt.Errorf("apply %s: %w", ws[i].MsgID(), errs[i])
		}
	}
	return errs
}

// applyFunc is the write that applies w. It keeps the writer's index
// itself (who is checked in, the feed's numbers, stored answers, leaders
// it adds), so a stream of writes from other nodes costs no rebuild; should
// it fail after touching the index, the index is built again.
func (s *Store) applyFunc(w Write) func(tx *sql.Tx) ([]Event, error) {
	return func(tx *sql.Tx) (evs []Event, err error) {
		ix, err := s.indexIn(tx)
		if err != nil {
			return nil, err
		}
		defer func() {
			if err != nil {
				ix.built = false
			}
		}()
		// The flag keeps the outbox triggers from sending the write back out;
		// the savepoint around this function removes it on failure too.
		if _, err := tx.Exec(`INSERT INTO peer_applying (one) VALUES (1)`); err != nil {
			return nil, fmt.Errorf("flag applying: %w", err)
		}
		if evs, err = s.apply(tx, ix, w); err != nil {
			return nil, err
		}
		if _, err := tx.Exec(`DELETE FROM peer_applying`); err != nil {
			return nil, fmt.Errorf("unflag applying: %w", err)
		}
		return evs, nil
	}
}

func (s *Store) apply(tx *sql.Tx, ix *index, w Write) ([]Event, error) {
	action, err := idByUID(tx, "actions", w.Action)
	if err != nil {
		return nil, err
	}
	if err := noteVenue(tx, w.Origin, w.Venue); err != nil {
		return nil, err
	}
	switch w.Kind {
	case "checkin":
		return s.applyCheckIn(tx, ix, w, action)
	case "undo":
		return s.applyUndo(tx, ix, w, action)
	case "headcount":
		return applyHeadcount(tx, ix, w, action)
	case "headcount_undo":
		return applyHeadcountUndo(tx, w, action)
	case "closing":
		return applyClosing(tx, w, action)
	case "purge":
		return applyPurge(tx, ix, w, action)
	case "door":
		return applyDoor(tx, w, action)
	case "need":
		return applyNeed(tx, ix, w, action)
	}
	return nil, invalid("kind", "unknown write "+w.Kind)
}

// idByUID finds the local id of the record of table with uid.
func idByUID(tx *sql.Tx, table, uid string) (int64, error) {
	var id int64
	err := tx.QueryRow(`SELECT id FROM `+quoteIdent(table)+` WHERE uid = ?`, uid).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("%s %s: %w", table, uid, ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("look up %s: %w", table, err)
	}
	return id, nil
}

// exists reports whether table has a row with client id.
func exists(tx *sql.Tx, table, id string) (bool, error) {
	var n int
	if err := tx.QueryRow(`SELECT count(*) FROM `+quoteIdent(table)+` WHERE client_id = ?`, id).Scan(&n); err != nil {
		return false, fmt.Errorf("look up %s: %w", table, err)
	}
	return n > 0, nil
}

// anyReply reads the stored answer to id, whatever its kind.
func anyReply(tx *sql.Tx, id string, kind *string, action *int64, res any) (bool, error) {
	var body string
	err := tx.QueryRow(`SELECT kind, action_id, body FROM replies WHERE client_id = ?`, id).Scan(kind, action, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("look up reply: %w", err)
	}
	if err := json.Unmarshal([]byte(body), res); err != nil {
		return false, fmt.Errorf("decode reply: %w", err)
	}
	return true, nil
}

// saveReplyOnce keeps res as the answer to id unless one is kept already, so
// a door that sends the same write to another node gets the same answer.
func saveReplyOnce(tx *sql.Tx, ix *index, id, kind string, action int64, res any) error {
	var n int
	if err := tx.QueryRow(`SELECT count(*) FROM answers WHERE client_id = ?`, id).Scan(&n); err != nil {
		return fmt.Errorf("look up reply: %w", err)
	}
	if n > 0 {
		return nil
	}
	ix.use(id)
	return saveReply(tx, id, kind, action, res)
}

// syncActive tells the index whether the leader is checked in at the
// action, after a write from another node or a settling changed it.
func syncActive(tx *sql.Tx, ix *index, action, leader int64) error {
	var n int
	err := tx.QueryRow(`SELECT count(*) FROM checkins WHERE action_id = ? AND leader_id = ? AND undone_at IS NULL`,
		action, leader).Scan(&n)
	if err != nil {
		return fmt.Errorf("look up check-in: %w", err)
	}
	if n > 0 {
		ix.checkedIn(action, leader)
	} else {
		delete(ix.active, actionLeader{action, leader})
	}
	return nil
}
