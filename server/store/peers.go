package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"time"
)

// peerNameRe is what a node may be called: it becomes a JetStream domain
// and a user name on the link, so letters, digits and dashes only.
var peerNameRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,31}$`)

// CheckPeerName refuses a node name that cannot name a link.
func CheckPeerName(name string) error {
	if !peerNameRe.MatchString(name) {
		return invalid("name", "1 to 32 lower-case letters, digits and dashes")
	}
	return nil
}

// Peer is a node allowed to join this one, and its link as last seen.
type Peer struct {
	Name      string     `json:"name"`
	CreatedAt time.Time  `json:"created_at"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
}

// AddPeer allows a node called name to join and returns the secret its join
// link carries; only the secret's hash is kept. The node may write to the
// actions given, or to every action when none is. Adding a revoked name
// again gives it a new secret.
func (s *Store) AddPeer(ctx context.Context, name string, actions ...int64) (string, error) {
	if err := CheckPeerName(name); err != nil {
		return "", err
	}
	secret := NewToken("peer")
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		var revoked sql.NullString
		err := tx.QueryRow(`SELECT revoked_at FROM peers WHERE name = ?`, name).Scan(&revoked)
		if err == nil && !revoked.Valid {
			return nil, ErrExists
		}
		_, err = tx.Exec(`INSERT INTO peers (name, secret_hash) VALUES (?, ?)
			ON CONFLICT (name) DO UPDATE SET secret_hash = excluded.secret_hash, revoked_at = NULL,
			created_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`, name, HashToken(secret))
		if err != nil {
			return nil, fmt.Errorf("insert peer: %w", err)
		}
		return nil, sharePeer(tx, name, actions)
	})
	if err != nil {
		return "", fmt.Errorf("add peer %s: %w", name, err)
	}
	return secret, nil
}

func sharePeer(tx *sql.Tx, name string, actions []int64) error {
	if _, err := tx.Exec(`DELETE FROM peer_actions WHERE peer = ?`, name); err != nil {
		return fmt.Errorf("share actions: %w", err)
	}
	for _, a := range actions {
		if err := actionExists(tx, a); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO peer_actions (peer, action_id) VALUES (?, ?)`, name, a); err != nil {
			return fmt.Errorf("share action %d: %w", a, err)
		}
	}
	return nil
}

// PeerMayWrite reports whether a write to the action with uid, made at
// the node called origin, may come by the link of the node called via: via
// shares that action (or every action), and origin is via or a node on its
// side of the tree that may write to it (PeerOwns).
func (s *Store) PeerMayWrite(ctx context.Context, via, origin, actionUID string) (bool, error) {
	var listed, shared int
	err := s.read.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(a.uid = ?), 0)
		FROM peer_actions p JOIN actions a ON a.id = p.action_id WHERE p.peer = ?`, actionUID, via).Scan(&listed, &shared)
	if err != nil {
		return false, fmt.Errorf("check peer action: %w", err)
	}
	if listed > 0 && shared == 0 {
		return false, nil
	}
	sc, ok, err := s.belowScope(ctx, via, origin)
	return ok && sc.has(actionUID), err
}

// RevokePeer cuts a node off: its secret no longer opens a link.
func (s *Store) RevokePeer(ctx context.Context, name string) error {
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		r, err := tx.Exec(`UPDATE peers SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL`,
			formatTime(s.stamp()), name)
		if err != nil {
			return nil, fmt.Errorf("revoke peer: %w", err)
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return nil, ErrNotFound
		}
		return nil, nil
	})
	if err != nil {
		return fmt.Errorf("revoke peer %s: %w", name, err)
	}
	return nil
}

// PeerAllowed reports whether name may open a link with secret.
func (s *Store) PeerAllowed(ctx context.Context, name, secret string) (bool, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM peers
		WHERE name = ? AND secret_hash = ? AND revoked_at IS NULL`, name, HashToken(secret)).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("check peer: %w", err)
	}
	return n == 1, nil
}

// Peers lists every node ever allowed to join, by name.
func (s *Store) Peers(ctx context.Context) ([]Peer, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT name, created_at, revoked_at FROM peers ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("list peers: %w", err)
	}
	defer rows.Close()
	out := []Peer{}
	for rows.Next() {
		var p Peer
		var created string
		var revoked sql.NullString
		if err := rows.Scan(&p.Name, &created, &revoked); err != nil {
			return nil, fmt.Errorf("list peers: %w", err)
		}
		p.CreatedAt, p.RevokedAt = parseTime(created), nullTime(revoked)
		out = append(out, p)
	}
	return out, rows.Err()
}

// SetSelf records this node's name and its parent's ("" for the hub),
// which turns on the outbox: JoinAs, when the caller needs no report.
func (s *Store) SetSelf(ctx context.Context, name, parent string) error {
	_, err := s.JoinAs(ctx, name, parent)
	return err
}

// Joined is what JoinAs found and did: the parent this node joined before
// ("" for none), and, when it now joins another node in that one's place
// (a standby re-homed to the hub), how many writes it put in its outbox.
type Joined struct {
	WasParent string
	Rehomed   bool
	SentOn    int64
}

// JoinAs records this node's name and its parent's ("" for the hub), which
// turns on the outbox. The first time, every write this node already made
// is put in the outbox too, so a node that ran alone and then joins sends
// what it had. A joining node whose database named another node holds a
// copy of that node's (a venue started from the hub's): what it holds
// becomes that node's records, and that node's links, outbox and sessions
// are dropped. A standby that joins another node than its venue's primary
// sends on what it holds of the primary's writes (rehome.go). A hub given
// another name only changes its name.
func (s *Store) JoinAs(ctx context.Context, name, parent string) (Joined, error) {
	var j Joined
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		var was, wasVenue string
		err := tx.QueryRow(`SELECT name, parent, coalesce(venue, name) FROM peer_self`).Scan(&was, &j.WasParent, &wasVenue)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("read self: %w", err)
		}
		if was != "" && was != name && parent != "" {
			if err := adoptCopy(tx, was); err != nil {
				return nil, err
			}
		}
		if _, err = tx.Exec(`INSERT INTO peer_self (one, name, parent) VALUES (1, ?, ?)
			ON CONFLICT (one) DO UPDATE SET name = excluded.name, parent = excluded.parent`, name, parent); err != nil {
			return nil, fmt.Errorf("set self: %w", err)
		}
		if err := addOutboxTriggers(ctx, tx); err != nil {
			return nil, err
		}
		s.networked.Store(true) // the writer's: it names arrivals' venues from its next group
		if was == "" && parent == "" {
			if err := backfillRoster(tx); err != nil {
				return nil, err
			}
		}
		if was == "" {
			_, err := fillOutbox(tx, nil)
			return nil, err
		}
		if was == name && rehomed(j.WasParent, wasVenue, parent) {
			j.Rehomed = true
			j.SentOn, err = fillOutbox(tx, j.WasParent)
			return nil, err
		}
		return nil, nil
	})
	return j, err
}

// adoptCopy turns another node's database into the start of this one's.
func adoptCopy(tx *sql.Tx, from string) error {
	if _, err := tx.Exec(`UPDATE checkins SET origin = ? WHERE origin IS NULL`, from); err != nil {
		return fmt.Errorf("adopt copy of %s: %w", from, err)
	}
	if _, err := tx.Exec(`UPDATE headcounts SET origin = ? WHERE origin IS NULL`, from); err != nil {
		return fmt.Errorf("adopt copy of %s: %w", from, err)
	}
	if _, err := tx.Exec(`UPDATE need_counts SET origin = ? WHERE origin IS NULL`, from); err != nil {
		return fmt.Errorf("adopt copy of %s: %w", from, err)
	}
	_, err := tx.Exec(`DELETE FROM peer_outbox; DELETE FROM peer_cursor; DELETE FROM peer_roster_outbox;
		DELETE FROM peer_links; DELETE FROM peer_actions; DELETE FROM peers; DELETE FROM peer_below;
		DELETE FROM sessions`)
	if err != nil {
		return fmt.Errorf("adopt copy of %s: %w", from, err)
	}
	return nil
}

// Self is this node's name and its parent's, both "" for a single node.
func (s *Store) Self(ctx context.Context) (name, parent string, err error) {
	err = s.read.QueryRowContext(ctx, `SELECT name, parent FROM peer_self`).Scan(&name, &parent)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", nil
	}
	if err != nil {
		return "", "", fmt.Errorf("read self: %w", err)
	}
	return name, parent, nil
}

// fillOutbox puts in the outbox the writes this node holds that the node
// called origin made (nil: this node's own), in the order they were made,
// and every door's last change; it says how many.
func fillOutbox(tx *sql.Tx, origin any) (int64, error) {
	r, err := tx.Exec(`INSERT INTO peer_outbox (kind, client_id)
		SELECT kind, client_id FROM (
			SELECT 'checkin' AS kind, client_id, recorded_at AS at, 0 AS o FROM checkins WHERE origin IS ?1
			UNION ALL SELECT 'undo', client_id, undone_at, 1 FROM checkins
				WHERE origin IS ?1 AND undone_at IS NOT NULL AND superseded_by IS NULL
			UNION ALL SELECT 'headcount', client_id, recorded_at, 0 FROM headcounts WHERE origin IS ?1
			UNION ALL SELECT 'headcount_undo', client_id, undone_at, 1 FROM headcounts
				WHERE origin IS ?1 AND undone_at IS NOT NULL
			UNION ALL SELECT 'closing', client_id, closed_at, 2 FROM credential_closings WHERE origin IS ?1
			UNION ALL SELECT 'need', client_id, recorded_at, 0 FROM need_counts WHERE origin IS ?1
			UNION ALL SELECT 'door', change_id, created_at, 0 FROM doors
				WHERE change_id IS NOT NULL AND EXISTS (SELECT 1 FROM peer_self WHERE parent <> ''))
		ORDER BY at, o`, origin)
	if err != nil {
		return 0, fmt.Errorf("fill outbox: %w", err)
	}
	return r.RowsAffected()
}
