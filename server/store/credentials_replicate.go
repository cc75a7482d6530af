package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// WriteClosing is a closing of credentials as it travels: what it closed
// and the numbers it froze, so every node keeps the very numbers the
// closing node froze, not its own count of them.
type WriteClosing struct {
	Scope  string       `json:"scope,omitempty"` // the venue closed; "": the whole action
	Counts []WriteCount `json:"counts"`
}

// WriteCount is one institution's frozen numbers, named by uids.
type WriteCount struct {
	Institution     string `json:"institution"`
	InstitutionName string `json:"institution_name"`
	Chapter         string `json:"chapter"`
	ChapterName     string `json:"chapter_name"`
	Committed       int    `json:"committed"`
	Delegation      int    `json:"delegation"`
}

func (s *Store) fillClosing(ctx context.Context, w *Write) error {
	var at string
	var id int64
	c := WriteClosing{Counts: []WriteCount{}}
	err := s.read.QueryRowContext(ctx, `SELECT k.id, a.uid, k.closed_at, k.scope FROM credential_closings k
		JOIN actions a ON a.id = k.action_id WHERE k.client_id = ?`, w.ID).Scan(&id, &w.Action, &at, &c.Scope)
	if err != nil {
		return err
	}
	w.At = parseTime(at)
	err = eachRow(ctx, s.read, `SELECT i.uid, n.institution_name, c.uid, n.chapter_name, n.committed, n.delegation
		FROM credential_counts n JOIN institutions i ON i.id = n.institution_id JOIN chapters c ON c.id = n.chapter_id
		WHERE n.closing_id = ? ORDER BY n.institution_id`, func(rows *sql.Rows) error {
		var n WriteCount
		err := rows.Scan(&n.Institution, &n.InstitutionName, &n.Chapter, &n.ChapterName, &n.Committed, &n.Delegation)
		c.Counts = append(c.Counts, n)
		return err
	}, id)
	if err != nil {
		return fmt.Errorf("read closing %s: %w", w.ID, err)
	}
	w.Closing = &c
	return nil
}

// applyClosing records another node's closing once. Of the closings of one
// hall (or of the whole action), the latest is in force on every node
// whatever order they arrive in (the larger client id breaks a tie); the
// others are kept, superseded.
func applyClosing(tx *sql.Tx, w Write, action int64) ([]Event, error) {
	if w.Closing == nil {
		return nil, invalid("closing", "missing")
	}
	if found, err := exists(tx, "credential_closings", w.ID); found || err != nil {
		return nil, err
	}
	c := closing{action: action, scope: w.Closing.Scope, at: w.At, id: w.ID, origin: w.Origin}
	if err := placeClosing(tx, &c); err != nil {
		return nil, err
	}
	id, err := insertClosingRow(tx, c)
	if err != nil {
		return nil, err
	}
	for _, n := range w.Closing.Counts {
		if err := insertFrozenCount(tx, id, n); err != nil {
			return nil, err
		}
	}
	return []Event{{Kind: "structure", Action: action}}, nil
}

// placeClosing decides whether c or the closing in force of its hall is
// the later: the earlier is marked superseded as of the later.
func placeClosing(tx *sql.Tx, c *closing) error {
	var id int64
	var at, client string
	err := tx.QueryRow(`SELECT id, closed_at, client_id FROM credential_closings
		WHERE action_id = ? AND scope = ? AND superseded_at IS NULL`, c.action, c.scope).Scan(&id, &at, &client)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("look up closing: %w", err)
	}
	in := parseTime(at)
	if in.After(c.at) || in.Equal(c.at) && client > c.id {
		c.superseded = &in
		return nil
	}
	if _, err := tx.Exec(`UPDATE credential_closings SET superseded_at = ? WHERE id = ?`, formatTime(c.at), id); err != nil {
		return fmt.Errorf("supersede closing: %w", err)
	}
	return nil
}

func insertFrozenCount(tx *sql.Tx, closing int64, n WriteCount) error {
	inst, err := idByUID(tx, "institutions", n.Institution)
	if err != nil {
		return err
	}
	chapter, err := idByUID(tx, "chapters", n.Chapter)
	if err != nil {
		return err
	}
	_, err = tx.Exec(`INSERT INTO credential_counts
		(closing_id, institution_id, institution_name, chapter_id, chapter_name, committed, delegation)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, closing, inst, n.InstitutionName, chapter, n.ChapterName, n.Committed, n.Delegation)
	if err != nil {
		return fmt.Errorf("insert frozen count: %w", err)
	}
	return nil
}
