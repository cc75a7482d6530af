package store

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// SessionTTL is how long an organizer stays signed in.
const SessionTTL = 12 * time.Hour

// Session is a signed-in organizer's cookie session.
type Session struct {
	Token     string // only known right after sign-in; the database keeps its hash
	CSRF      string
	Organizer Organizer
	Expires   time.Time
}

// dummyHash makes a sign-in with an unknown name cost as much as a real one,
// so timing does not tell which names exist. Made on first use, not at start.
var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("presente"), bcrypt.DefaultCost)
	return h
})

// SignIn checks a name and password and opens a session.
func (s *Store) SignIn(ctx context.Context, name, password string) (Session, error) {
	var o Organizer
	var hash string
	err := s.read.QueryRowContext(ctx, `SELECT id, name, password_hash FROM organizers WHERE name = ?`,
		strings.TrimSpace(name)).Scan(&o.ID, &o.Name, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		bcrypt.CompareHashAndPassword(dummyHash(), []byte(password))
		return Session{}, ErrBadPassword
	}
	if err != nil {
		return Session{}, fmt.Errorf("sign in: %w", err)
	}
	if bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) != nil {
		return Session{}, ErrBadPassword
	}
	sess := Session{Token: NewToken("sess"), CSRF: NewToken("csrf"), Organizer: o, Expires: s.now().Add(SessionTTL)}
	err = s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		_, err := tx.Exec(`INSERT INTO sessions (token_hash, organizer_id, csrf, expires_at) VALUES (?, ?, ?, ?)`,
			HashToken(sess.Token), o.ID, sess.CSRF, formatTime(sess.Expires))
		return nil, err
	})
	if err != nil {
		return Session{}, fmt.Errorf("open session: %w", err)
	}
	return sess, nil
}

// SessionByToken returns the live session for a cookie token, or ErrNotFound.
func (s *Store) SessionByToken(ctx context.Context, token string) (Session, error) {
	var sess Session
	var expires string
	err := s.read.QueryRowContext(ctx, `SELECT s.csrf, s.expires_at, o.id, o.name
		FROM sessions s JOIN organizers o ON o.id = s.organizer_id WHERE s.token_hash = ?`, HashToken(token)).
		Scan(&sess.CSRF, &expires, &sess.Organizer.ID, &sess.Organizer.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return sess, ErrNotFound
	}
	if err != nil {
		return sess, fmt.Errorf("look up session: %w", err)
	}
	sess.Expires = parseTime(expires)
	if !s.now().Before(sess.Expires) {
		return Session{}, ErrNotFound
	}
	return sess, nil
}

// SignOut ends a session.
func (s *Store) SignOut(ctx context.Context, token string) error {
	return s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		_, err := tx.Exec(`DELETE FROM sessions WHERE token_hash = ?`, HashToken(token))
		return nil, err
	})
}

// SameSecret compares two secrets in constant time.
func SameSecret(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }
