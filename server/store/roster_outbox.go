package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// DownEntry is one record of the hub's roster outbox, as it now is.
type DownEntry struct {
	Seq    int64
	Record RosterRecord
	Gone   bool // deleted since: nothing to send
}

// RosterOutbox returns up to limit roster records changed after seq, in
// the order they changed.
func (s *Store) RosterOutbox(ctx context.Context, after int64, limit int) ([]DownEntry, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT seq, kind, id, id2, coalesce(uid, '') FROM peer_roster_outbox
		WHERE seq > ? ORDER BY seq LIMIT ?`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("read roster outbox: %w", err)
	}
	type row struct {
		seq, id, id2 int64
		kind, uid    string
	}
	var rs []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.seq, &r.kind, &r.id, &r.id2, &r.uid); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read roster outbox: %w", err)
		}
		rs = append(rs, r)
	}
	rows.Close()
	out := make([]DownEntry, len(rs))
	for i, r := range rs {
		out[i].Seq = r.seq
		if r.uid != "" {
			out[i].Record = tombstone(r.kind, r.uid)
			continue
		}
		out[i].Record, err = s.rosterRecord(ctx, r.kind, r.id, r.id2)
		if errors.Is(err, sql.ErrNoRows) {
			out[i].Gone = true
		} else if err != nil {
			return nil, fmt.Errorf("read roster %s %d: %w", r.kind, r.id, err)
		}
	}
	return out, rows.Err()
}

// RosterPublished is the seq up to which the roster outbox was published.
func (s *Store) RosterPublished(ctx context.Context) (int64, error) {
	var seq int64
	err := s.read.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM peer_cursor WHERE name = 'roster'`).Scan(&seq)
	if err != nil {
		return 0, fmt.Errorf("read roster published: %w", err)
	}
	return seq, nil
}

// SetRosterPublished records that the roster outbox was published through seq.
func (s *Store) SetRosterPublished(ctx context.Context, seq int64) error {
	return s.write(ctx, func(tx *sql.Tx) ([]Event, error) { return nil, setCursor(tx, "roster", seq) })
}

// tombstone is the record that tells other nodes a chapter, institution or
// leader was deleted: it replaces the record's last version in ROSTER.
func tombstone(kind, uid string) RosterRecord {
	r := RosterRecord{Kind: kind, Deleted: true}
	switch kind {
	case "chapter":
		r.Chapter = &RChapter{UID: uid}
	case "institution":
		r.Institution = &RInstitution{UID: uid}
	default:
		r.Leader = &RLeader{UID: uid}
	}
	return r
}
