package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// InstitutionInfo is an institution as the console lists it.
type InstitutionInfo struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Chapter Ref    `json:"chapter"`
	Leaders int    `json:"leaders"`
}

// Institutions lists every institution with its chapter and how many leaders
// it has, ordered by chapter then name.
func (s *Store) Institutions(ctx context.Context) ([]InstitutionInfo, error) {
	out := []InstitutionInfo{}
	err := eachRow(ctx, s.read, `SELECT i.id, i.name, i.kind, c.id, c.name,
		(SELECT count(*) FROM leaders l WHERE l.institution_id = i.id)
		FROM institutions i JOIN chapters c ON c.id = i.chapter_id
		ORDER BY c.name COLLATE NOCASE, c.id, i.name COLLATE NOCASE, i.id`, func(rows *sql.Rows) error {
		var in InstitutionInfo
		err := rows.Scan(&in.ID, &in.Name, &in.Kind, &in.Chapter.ID, &in.Chapter.Name, &in.Leaders)
		out = append(out, in)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list institutions: %w", err)
	}
	return out, nil
}

// RenameChapter changes a chapter's name.
func (s *Store) RenameChapter(ctx context.Context, id int64, name string) error {
	name = strings.TrimSpace(name)
	if err := checkName("name", name); err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		res, err := tx.Exec(`UPDATE chapters SET name = ? WHERE id = ?`, name, id)
		if err != nil {
			return nil, uniqueErr(err, "rename chapter")
		}
		return []Event{{Kind: "structure"}}, affected(res, "chapter", id)
	})
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

// DeleteChapter removes a chapter that has no institution.
func (s *Store) DeleteChapter(ctx context.Context, id int64) error {
	return s.deleteUnused(ctx, "chapters", id, `SELECT count(*) FROM institutions WHERE chapter_id = ?`)
}

// DeleteInstitution removes an institution with no leaders and nothing
// recorded for it at any action.
func (s *Store) DeleteInstitution(ctx context.Context, id int64) error {
	return s.deleteUnused(ctx, "institutions", id, `SELECT
		(SELECT count(*) FROM leaders WHERE institution_id = ?1) + (SELECT count(*) FROM checkins WHERE institution_id = ?1) +
		(SELECT count(*) FROM headcounts WHERE institution_id = ?1) + (SELECT count(*) FROM commitments WHERE institution_id = ?1)`)
}

func (s *Store) deleteUnused(ctx context.Context, table string, id int64, uses string) error {
	return s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		var n int
		if err := tx.QueryRow(uses, id).Scan(&n); err != nil {
			return nil, fmt.Errorf("check %s %d: %w", table, id, err)
		}
		if n > 0 {
			return nil, ErrInUse
		}
		res, err := tx.Exec(`DELETE FROM `+table+` WHERE id = ?`, id)
		if err != nil {
			return nil, inUseErr(err, "delete from "+table)
		}
		return []Event{{Kind: "structure"}}, affected(res, table, id)
	})
}
