package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// SetUp is the first run of an install: it names the network and adds its
// first organizer, in one transaction that is refused with ErrSetUp once any
// organizer exists, so two first-run pages racing make one organizer.
func (s *Store) SetUp(ctx context.Context, network, name, password string) (Organizer, error) {
	network = strings.TrimSpace(network)
	if err := checkName("network", network); err != nil {
		return Organizer{}, err
	}
	o, hash, err := newOrganizer(name, password)
	if err != nil {
		return o, err
	}
	err = s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		n, err := countOrganizers(tx)
		if err != nil {
			return nil, err
		}
		if n > 0 {
			return nil, ErrSetUp
		}
		if _, err := tx.Exec(`INSERT INTO network (id, name) VALUES (1, ?)
			ON CONFLICT (id) DO UPDATE SET name = excluded.name`, network); err != nil {
			return nil, fmt.Errorf("name network: %w", err)
		}
		id, err := insertOrganizer(tx, o.Name, hash)
		o.ID = id
		return nil, err
	})
	return o, err
}

func countOrganizers(tx *sql.Tx) (int, error) {
	var n int
	if err := tx.QueryRow(`SELECT count(*) FROM organizers`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count organizers: %w", err)
	}
	return n, nil
}

// Network is the install's name for its network and whether the first run
// is done: whether any organizer exists. The name is "" when the first run
// did not give one (an install set up on the command line).
func (s *Store) Network(ctx context.Context) (name string, setUp bool, err error) {
	err = s.read.QueryRowContext(ctx, `SELECT coalesce((SELECT name FROM network WHERE id = 1), ''),
		EXISTS (SELECT 1 FROM organizers)`).Scan(&name, &setUp)
	if err != nil {
		return "", false, fmt.Errorf("read network: %w", err)
	}
	return name, setUp, nil
}
