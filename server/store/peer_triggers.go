package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// The outbox triggers of check-ins, the one table every door writes to:
// a node that takes part in a network has them, a single node does not
// (even with a WHEN that is false, a trigger costs each INSERT). The other
// outbox triggers (headcounts, closings) stay in the migrations: those
// writes are rare.
const (
	outboxCheckInTrigger = `CREATE TRIGGER IF NOT EXISTS peer_out_checkin AFTER INSERT ON checkins
WHEN NEW.origin IS NULL AND EXISTS (SELECT 1 FROM peer_self) AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_outbox (kind, client_id) VALUES ('checkin', NEW.client_id); END`
	outboxUndoTrigger = `CREATE TRIGGER IF NOT EXISTS peer_out_undo AFTER UPDATE OF undone_at ON checkins
WHEN OLD.undone_at IS NULL AND NEW.undone_at IS NOT NULL AND NEW.superseded_by IS NULL
  AND EXISTS (SELECT 1 FROM peer_self) AND NOT EXISTS (SELECT 1 FROM peer_applying)
BEGIN INSERT INTO peer_outbox (kind, client_id) VALUES ('undo', NEW.client_id); END`
)

// execer is a transaction or a database.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// addOutboxTriggers makes the check-in outbox triggers, if missing.
func addOutboxTriggers(ctx context.Context, db execer) error {
	if _, err := db.ExecContext(ctx, outboxCheckInTrigger); err != nil {
		return fmt.Errorf("check-in outbox trigger: %w", err)
	}
	if _, err := db.ExecContext(ctx, outboxUndoTrigger); err != nil {
		return fmt.Errorf("undo outbox trigger: %w", err)
	}
	return nil
}

// outboxTriggersIfPeering makes them at open for a node that already
// takes part in a network, before any write (a database upgraded past
// migration 015 lost them), and says whether it does.
func outboxTriggersIfPeering(ctx context.Context, db execer) (bool, error) {
	var one int
	err := db.QueryRowContext(ctx, `SELECT 1 FROM peer_self`).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read self: %w", err)
	}
	return true, addOutboxTriggers(ctx, db)
}
