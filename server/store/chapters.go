package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Chapters lists every chapter, including those with no institution yet.
func (s *Store) Chapters(ctx context.Context) ([]Ref, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, name FROM chapters ORDER BY name COLLATE NOCASE, id`)
	if err != nil {
		return nil, fmt.Errorf("list chapters: %w", err)
	}
	defer rows.Close()
	out := []Ref{}
	for rows.Next() {
		var r Ref
		if err := rows.Scan(&r.ID, &r.Name); err != nil {
			return nil, fmt.Errorf("list chapters: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
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

// DeleteChapter removes a chapter that has no institution.
func (s *Store) DeleteChapter(ctx context.Context, id int64) error {
	return s.deleteUnused(ctx, "chapters", id, `SELECT count(*) FROM institutions WHERE chapter_id = ?`)
}

// deleteUnused deletes the row of table with id when the count query uses
// finds nothing referring to it, else answers ErrInUse.
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
