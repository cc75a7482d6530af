package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
)

// replay looks for the first answer given to clientID, stored or read from
// its check-in row (the replies view). It reports found when there is one,
// decoding it into res, and ErrIDConflict when the id was used for another
// kind of write or another action.
func replay(tx *sql.Tx, clientID, kind string, action int64, res any) (bool, error) {
	var gotKind, body string
	var gotAction int64
	err := tx.QueryRow(`SELECT kind, action_id, body FROM replies WHERE client_id = ?`, clientID).
		Scan(&gotKind, &gotAction, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("look up reply: %w", err)
	}
	if gotKind != kind || gotAction != action {
		return false, ErrIDConflict
	}
	if err := json.Unmarshal([]byte(body), res); err != nil {
		return false, fmt.Errorf("decode reply: %w", err)
	}
	if r, ok := res.(interface{ markReplayed() }); ok {
		r.markReplayed()
	}
	return true, nil
}

// answered is the writer's index and, when clientID was used before, the
// first answer (found) or ErrIDConflict. It always looks the id up: a
// check-in's id is in no index but its UNIQUE one in the database.
func (s *Store) answered(tx *sql.Tx, clientID, kind string, action int64, res any) (ix *index, found bool, err error) {
	if ix, err = s.indexIn(tx); err != nil {
		return nil, false, err
	}
	found, err = replay(tx, clientID, kind, action, res)
	return ix, found, err
}

// saveReply keeps the answer given to clientID, so that a replay gets it
// again: for the answers a check-in row cannot give back.
func saveReply(tx *sql.Tx, clientID, kind string, action int64, res any) error {
	body, err := json.Marshal(res)
	if err != nil {
		return fmt.Errorf("encode reply: %w", err)
	}
	_, err = tx.Exec(`INSERT INTO answers (client_id, kind, action_id, body) VALUES (?, ?, ?, ?)`,
		clientID, kind, action, string(body))
	if err != nil {
		return fmt.Errorf("save reply: %w", err)
	}
	return nil
}

// checkClientID accepts the ids phones make: UUIDs, or any 8 to 64 letters,
// digits, dashes and underscores.
func checkClientID(id string) error {
	if len(id) < 8 || len(id) > 64 {
		return invalid("id", "must be 8 to 64 characters")
	}
	for _, r := range id {
		ok := r == '-' || r == '_' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
		if !ok {
			return invalid("id", "only letters, digits, - and _")
		}
	}
	return nil
}
