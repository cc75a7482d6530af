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
	o := Organizer{Name: strings.TrimSpace(name)}
	if err := checkName("name", o.Name); err != nil {
		return o, err
	}
	if len(password) < 10 || len(password) > 72 {
		return o, invalid("password", "must be 10 to 72 bytes")
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return o, fmt.Errorf("hash password: %w", err)
	}
	err = s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		res, err := tx.Exec(`INSERT INTO organizers (name, password_hash) VALUES (?, ?)`, o.Name, string(hash))
		if err != nil {
			return nil, uniqueErr(err, "insert organizer")
		}
		o.ID, err = res.LastInsertId()
		return nil, err
	})
	return o, err
}
