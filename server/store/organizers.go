package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"golang.org/x/crypto/bcrypt"
)

// Organizer is a person who runs actions and may see names.
type Organizer struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// CreateOrganizer adds an organizer with a bcrypt hash of the password.
func (s *Store) CreateOrganizer(ctx context.Context, name, password string) (Organizer, error) {
	o, hash, err := newOrganizer(name, password)
	if err != nil {
		return o, err
	}
	err = s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		id, err := insertOrganizer(tx, o.Name, hash)
		o.ID = id
		return nil, err
	})
	return o, err
}

// newOrganizer checks a name and password and hashes the password.
func newOrganizer(name, password string) (Organizer, string, error) {
	o := Organizer{Name: strings.TrimSpace(name)}
	if err := checkName("name", o.Name); err != nil {
		return o, "", err
	}
	if len(password) < 10 || len(password) > 72 {
		return o, "", invalid("password", "must be 10 to 72 bytes")
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return o, "", fmt.Errorf("hash password: %w", err)
	}
	return o, string(hash), nil
}

func insertOrganizer(tx *sql.Tx, name, hash string) (int64, error) {
	res, err := tx.Exec(`INSERT INTO organizers (name, password_hash) VALUES (?, ?)`, name, hash)
	if err != nil {
		return 0, uniqueErr(err, "insert organizer")
	}
	return res.LastInsertId()
}
