package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// MaxNeeds is how many things an action may count at the door.
const MaxNeeds = 4

// Need is one thing an action counts at the door ("Audífonos de
// interpretación"), with how many were counted so far.
type Need struct {
	Position int    `json:"position"` // 1 to MaxNeeds
	Name     string `json:"name"`
	Total    int    `json:"total"`
}

// Needs lists an action's needs, in the organizer's order, with totals.
func (s *Store) Needs(ctx context.Context, action int64) ([]Need, error) {
	return needsIn(ctx, s.read, action)
}

func needsIn(ctx context.Context, q querier, action int64) ([]Need, error) {
	out := []Need{}
	err := eachRow(ctx, q, `SELECT n.position, n.name,
		coalesce((SELECT sum(count) FROM need_counts c WHERE c.action_id = n.action_id AND c.position = n.position), 0)
		FROM action_needs n WHERE n.action_id = ? ORDER BY n.position`, func(rows *sql.Rows) error {
		var n Need
		err := rows.Scan(&n.Position, &n.Name, &n.Total)
		out = append(out, n)
		return err
	}, action)
	if err != nil {
		return nil, fmt.Errorf("needs of action %d: %w", action, err)
	}
	return out, nil
}

// SetNeeds names an action's needs, in order, replacing the earlier names;
// counts stay with their position, so renaming one keeps its count.
func (s *Store) SetNeeds(ctx context.Context, action int64, names []string) error {
	if len(names) > MaxNeeds {
		return invalid("needs", fmt.Sprintf("at most %d", MaxNeeds))
	}
	for i := range names {
		names[i] = strings.TrimSpace(names[i])
		if err := checkName("needs", names[i]); err != nil {
			return err
		}
	}
	return s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		if err := actionExists(tx, action); err != nil {
			return nil, err
		}
		if _, err := tx.Exec(`DELETE FROM action_needs WHERE action_id = ?`, action); err != nil {
			return nil, fmt.Errorf("clear needs: %w", err)
		}
		for i, name := range names {
			_, err := tx.Exec(`INSERT INTO action_needs (action_id, position, name) VALUES (?, ?, ?)`, action, i+1, name)
			if err != nil {
				return nil, fmt.Errorf("insert need: %w", err)
			}
		}
		return nil, nil
	})
}

// NeedCount asks for Count to be added to an action's need at Position.
type NeedCount struct {
	ID       string // client-generated, makes the write idempotent
	Action   int64
	Position int
	Count    int
	By       Actor
}

// NeedResult is the answer to a need count, stored so a replay returns it.
type NeedResult struct {
	Status   string    `json:"status"` // StatusRecorded
	ID       string    `json:"id"`
	Position int       `json:"position"`
	Count    int       `json:"count"`
	At       time.Time `json:"at"`
	Replayed bool      `json:"replayed,omitempty"`
}

func (r *NeedResult) markReplayed() { r.Replayed = true }

// AddNeedCount adds to a need's count, once per client id.
func (s *Store) AddNeedCount(ctx context.Context, in NeedCount) (NeedResult, error) {
	var res NeedResult
	if err := checkClientID(in.ID); err != nil {
		return res, err
	}
	if in.Count < 1 || in.Count > MaxHeadcount {
		return res, invalid("count", fmt.Sprintf("must be 1 to %d", MaxHeadcount))
	}
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		if found, err := replay(tx, in.ID, "need", in.Action, &res); found || err != nil {
			return nil, err
		}
		return nil, s.insertNeedCount(tx, in, &res)
	})
	if err != nil {
		return NeedResult{}, fmt.Errorf("need count %s: %w", in.ID, err)
	}
	return res, nil
}

func (s *Store) insertNeedCount(tx *sql.Tx, in NeedCount, res *NeedResult) error {
	var n int
	err := tx.QueryRow(`SELECT count(*) FROM action_needs WHERE action_id = ? AND position = ?`, in.Action, in.Position).Scan(&n)
	if err != nil {
		return fmt.Errorf("look up need: %w", err)
	}
	if n == 0 {
		return invalid("need", "no such need at this action")
	}
	*res = NeedResult{Status: StatusRecorded, ID: in.ID, Position: in.Position, Count: in.Count, At: s.stamp()}
	_, err = tx.Exec(`INSERT INTO need_counts (client_id, action_id, position, count, door_id, organizer_id, recorded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, in.ID, in.Action, in.Position, in.Count,
		nullID(in.By.Door), nullID(in.By.Organizer), formatTime(res.At))
	if err != nil {
		return fmt.Errorf("insert need count: %w", err)
	}
	return saveReply(tx, in.ID, "need", in.Action, res)
}
