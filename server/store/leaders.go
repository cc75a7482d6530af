package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// Institution kinds.
var Kinds = []string{"congregation", "community_center", "union", "school", "nonprofit"}

// NewLeader is a person to add to the roster.
type NewLeader struct {
	Name        string
	Institution int64
	Phone       string
	Email       string
	Language    string // "es" (default) or "en"
	WalkIn      bool
}

func (nl *NewLeader) check() error {
	nl.Name = strings.TrimSpace(nl.Name)
	if err := checkName("name", nl.Name); err != nil {
		return err
	}
	switch nl.Language {
	case "":
		nl.Language = "es"
	case "es", "en":
	default:
		return invalid("language", "must be es or en")
	}
	if len(nl.Phone) > 40 || len(nl.Email) > 200 {
		return invalid("phone", "too long")
	}
	return nil
}

// CreateChapter adds a chapter.
func (s *Store) CreateChapter(ctx context.Context, name string) (Ref, error) {
	r := Ref{Name: strings.TrimSpace(name)}
	if err := checkName("name", r.Name); err != nil {
		return r, err
	}
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		res, err := tx.Exec(`INSERT INTO chapters (name) VALUES (?)`, r.Name)
		if err != nil {
			return nil, uniqueErr(err, "insert chapter")
		}
		r.ID, err = res.LastInsertId()
		return []Event{{Kind: "structure"}}, err
	})
	return r, err
}

// CreateInstitution adds an institution to a chapter.
func (s *Store) CreateInstitution(ctx context.Context, chapter int64, name, kind string) (Ref, error) {
	r := Ref{Name: strings.TrimSpace(name)}
	if err := checkName("name", r.Name); err != nil {
		return r, err
	}
	if kind == "" {
		kind = "congregation"
	}
	if !slices.Contains(Kinds, kind) {
		return r, invalid("kind", "must be one of "+strings.Join(Kinds, ", "))
	}
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		res, err := tx.Exec(`INSERT INTO institutions (chapter_id, name, kind) VALUES (?, ?, ?)`, chapter, r.Name, kind)
		if err != nil {
			return nil, uniqueErr(err, "insert institution")
		}
		r.ID, err = res.LastInsertId()
		return []Event{{Kind: "structure"}}, err
	})
	return r, err
}

// AddLeaders adds leaders, each with a fresh badge code, in one transaction.
func (s *Store) AddLeaders(ctx context.Context, leaders []NewLeader) ([]LeaderRef, error) {
	for i := range leaders {
		if err := leaders[i].check(); err != nil {
			return nil, fmt.Errorf("leader %d: %w", i+1, err)
		}
	}
	var out []LeaderRef
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		out = out[:0]
		for _, nl := range leaders {
			l, err := insertLeader(tx, nl)
			if err != nil {
				return nil, err
			}
			out = append(out, l)
		}
		return nil, nil
	})
	return out, err
}

func insertLeader(tx *sql.Tx, nl NewLeader) (LeaderRef, error) {
	l := LeaderRef{Name: nl.Name, Code: NewCode(), Institution: Ref{ID: nl.Institution}}
	res, err := tx.Exec(`INSERT INTO leaders (institution_id, name, phone, email, language, code, walk_in)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, nl.Institution, nl.Name, nl.Phone, nl.Email, nl.Language, l.Code, nl.WalkIn)
	if err != nil {
		return l, fmt.Errorf("insert leader: %w", err)
	}
	if l.ID, err = res.LastInsertId(); err != nil {
		return l, err
	}
	if _, err := tx.Exec(`INSERT INTO badge_codes (code, leader_id) VALUES (?, ?)`, l.Code, l.ID); err != nil {
		return l, fmt.Errorf("insert badge code: %w", err)
	}
	return l, nil
}
