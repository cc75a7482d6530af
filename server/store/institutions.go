package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Kinds lists the kinds an institution may be.
var Kinds = []string{"congregation", "community_center", "union", "school", "nonprofit"}

// InstitutionInfo is an institution as the console lists it.
type InstitutionInfo struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Chapter Ref    `json:"chapter"`
	Leaders int    `json:"leaders"`
	Contact
}

// Contact is whom organizers call when an institution is short at an
// action: its contact person and their phone.
type Contact struct {
	Name  string `json:"contact_name"`
	Phone string `json:"contact_phone"`
}

// Institutions lists every institution with its chapter and how many leaders
// it has, ordered by chapter then name.
func (s *Store) Institutions(ctx context.Context) ([]InstitutionInfo, error) {
	out := []InstitutionInfo{}
	err := eachRow(ctx, s.read, `SELECT i.id, i.name, i.kind, c.id, c.name,
		(SELECT count(*) FROM leaders l WHERE l.institution_id = i.id), i.contact_name, i.contact_phone
		FROM institutions i JOIN chapters c ON c.id = i.chapter_id
		ORDER BY c.name COLLATE NOCASE, c.id, i.name COLLATE NOCASE, i.id`, func(rows *sql.Rows) error {
		var in InstitutionInfo
		err := rows.Scan(&in.ID, &in.Name, &in.Kind, &in.Chapter.ID, &in.Chapter.Name, &in.Leaders,
			&in.Contact.Name, &in.Contact.Phone)
		out = append(out, in)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list institutions: %w", err)
	}
	return out, nil
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

// UpdateInstitution changes an institution's name, kind and chapter.
func (s *Store) UpdateInstitution(ctx context.Context, id, chapter int64, name, kind string) error {
	name = strings.TrimSpace(name)
	if err := checkName("name", name); err != nil {
		return err
	}
	if !slices.Contains(Kinds, kind) {
		return invalid("kind", "must be one of "+strings.Join(Kinds, ", "))
	}
	return s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		res, err := tx.Exec(`UPDATE institutions SET name = ?, kind = ?, chapter_id = ? WHERE id = ?`, name, kind, chapter, id)
		if err != nil {
			return nil, uniqueErr(err, "update institution")
		}
		return []Event{{Kind: "structure"}}, affected(res, "institution", id)
	})
}

// SetContact sets whom to call for an institution; empty fields clear it.
func (s *Store) SetContact(ctx context.Context, id int64, c Contact) error {
	c.Name, c.Phone = strings.TrimSpace(c.Name), strings.TrimSpace(c.Phone)
	if c.Name != "" {
		if err := checkName("contact_name", c.Name); err != nil {
			return err
		}
	}
	if err := checkContact("contact_phone", c.Phone, 40); err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		res, err := tx.Exec(`UPDATE institutions SET contact_name = ?, contact_phone = ? WHERE id = ?`, c.Name, c.Phone, id)
		if err != nil {
			return nil, fmt.Errorf("set contact: %w", err)
		}
		return nil, affected(res, "institution", id)
	})
}

// DeleteInstitution removes an institution with no leaders and nothing
// recorded for it at any action.
func (s *Store) DeleteInstitution(ctx context.Context, id int64) error {
	return s.deleteUnused(ctx, "institutions", id, `SELECT
		(SELECT count(*) FROM leaders WHERE institution_id = ?1) + (SELECT count(*) FROM checkins WHERE institution_id = ?1) +
		(SELECT count(*) FROM headcounts WHERE institution_id = ?1) + (SELECT count(*) FROM commitments WHERE institution_id = ?1)`)
}

// institutionRef names an institution inside a write; an unknown one is
// invalid input, not a missing record.
func institutionRef(tx *sql.Tx, id int64) (Ref, error) {
	r := Ref{ID: id}
	err := tx.QueryRow(`SELECT name FROM institutions WHERE id = ?`, id).Scan(&r.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return r, &InvalidError{Field: "institution", Reason: "no such institution"}
	}
	if err != nil {
		return r, fmt.Errorf("look up institution: %w", err)
	}
	return r, nil
}
