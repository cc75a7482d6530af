package store

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// PeerBelow is a node in the part of the network below a child link, and
// the actions it may write to: every action the link may, or these (uids).
type PeerBelow struct {
	Name    string
	Every   bool
	Actions []string
}

// everyAction is how peer_below writes "every action the link may".
const everyAction = "*"

// PeerTree is what this node tells its parent of the nodes below it: each
// node it let join, with the actions it shares with it, and each node those
// told of, within the actions of the child that told.
func (s *Store) PeerTree(ctx context.Context) ([]PeerBelow, error) {
	scopes, err := s.peerScopes(ctx)
	if err != nil {
		return nil, err
	}
	out := shares(scopes)
	err = eachRow(ctx, s.read, `SELECT via, name, actions FROM peer_below ORDER BY via, name`, func(rows *sql.Rows) error {
		var via, name, actions string
		if err := rows.Scan(&via, &name, &actions); err != nil {
			return err
		}
		if child, ok := scopes[via]; ok {
			out = append(out, child.within(parseScope(actions)).named(name))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("peer tree: %w", err)
	}
	return out, nil
}

// PeerShares is each node let join, revoked or not, with the actions it
// shares with this one: what this node keeps of its streams for it. A
// revoked node shares none: what was kept for it is dropped.
func (s *Store) PeerShares(ctx context.Context) ([]PeerBelow, error) {
	scopes, err := s.peerScopes(ctx)
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, s.read, `SELECT name FROM peers WHERE revoked_at IS NOT NULL`, func(rows *sql.Rows) error {
		var name string
		if err := rows.Scan(&name); err != nil {
			return err
		}
		scopes[name] = scope{uids: []string{}}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("peer shares: %w", err)
	}
	return shares(scopes), nil
}

func shares(scopes map[string]scope) []PeerBelow {
	out := []PeerBelow{}
	for _, name := range slices.Sorted(maps.Keys(scopes)) {
		out = append(out, scopes[name].named(name))
	}
	return out
}

// peerScopes is, for each node let join, the actions it may write to.
func (s *Store) peerScopes(ctx context.Context) (map[string]scope, error) {
	out := map[string]scope{}
	err := eachRow(ctx, s.read, `SELECT p.name, a.uid FROM peers p
		LEFT JOIN peer_actions x ON x.peer = p.name LEFT JOIN actions a ON a.id = x.action_id ORDER BY p.name, a.uid`,
		func(rows *sql.Rows) error {
			var name string
			var uid sql.NullString
			if err := rows.Scan(&name, &uid); err != nil {
				return err
			}
			sc, ok := out[name]
			if !ok {
				sc = scope{every: true}
			}
			if uid.Valid {
				sc = scope{uids: append(sc.uids, uid.String)}
			}
			out[name] = sc
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("peer scopes: %w", err)
	}
	return out, nil
}

// SetPeerTree keeps what the child called via told of the nodes below it,
// in place of what it told before. A name that cannot name a node, or that
// names the child itself, is passed over.
func (s *Store) SetPeerTree(ctx context.Context, via string, below []PeerBelow) error {
	return s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		if _, err := tx.Exec(`DELETE FROM peer_below WHERE via = ?`, via); err != nil {
			return nil, fmt.Errorf("set peer tree: %w", err)
		}
		for _, b := range below {
			if CheckPeerName(b.Name) != nil || b.Name == via {
				continue
			}
			sc := scope{every: b.Every, uids: b.Actions}
			if _, err := tx.Exec(`INSERT INTO peer_below (via, name, actions) VALUES (?, ?, ?)
				ON CONFLICT (via, name) DO UPDATE SET actions = excluded.actions`, via, b.Name, sc.String()); err != nil {
				return nil, fmt.Errorf("set peer tree: %w", err)
			}
		}
		return nil, nil
	})
}

// PeerOwns reports whether the node called origin is on the side of the
// child link via: it is that child, or the child told of it, and of no
// other link's side, and it is neither this node, nor its parent, nor
// another node it let join.
func (s *Store) PeerOwns(ctx context.Context, via, origin string) (bool, error) {
	_, ok, err := s.belowScope(ctx, via, origin)
	return ok, err
}

// belowScope is what origin may write to as a node of via's side, and
// whether it is one.
func (s *Store) belowScope(ctx context.Context, via, origin string) (scope, bool, error) {
	if origin == via {
		return scope{every: true}, true, nil
	}
	var actions sql.NullString
	var claims, reserved int
	err := s.read.QueryRowContext(ctx, `SELECT (SELECT actions FROM peer_below WHERE via = ?1 AND name = ?2),
		(SELECT count(*) FROM peer_below WHERE name = ?2),
		(SELECT count(*) FROM peers WHERE name = ?2) + (SELECT count(*) FROM peer_self WHERE name = ?2 OR parent = ?2)`,
		via, origin).Scan(&actions, &claims, &reserved)
	if err != nil {
		return scope{}, false, fmt.Errorf("check peer tree: %w", err)
	}
	if !actions.Valid || claims != 1 || reserved > 0 {
		return scope{}, false, nil
	}
	return parseScope(actions.String), true, nil
}

// scope is the actions a node may write to: every one, or these uids.
type scope struct {
	every bool
	uids  []string
}

func parseScope(s string) scope {
	if s == everyAction {
		return scope{every: true}
	}
	return scope{uids: strings.Fields(s)}
}

func (sc scope) String() string {
	if sc.every {
		return everyAction
	}
	return strings.Join(sc.uids, " ")
}

func (sc scope) has(uid string) bool { return sc.every || slices.Contains(sc.uids, uid) }

// within is what sc allows of inner's actions.
func (sc scope) within(inner scope) scope {
	if sc.every {
		return inner
	}
	if inner.every {
		return sc
	}
	out := scope{uids: []string{}}
	for _, u := range inner.uids {
		if sc.has(u) {
			out.uids = append(out.uids, u)
		}
	}
	return out
}

func (sc scope) named(name string) PeerBelow {
	return PeerBelow{Name: name, Every: sc.every, Actions: sc.uids}
}
