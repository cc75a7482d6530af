package store

import (
	"context"
	"fmt"
)

// Count is one institution's numbers at an action, as SQL computes them.
type Count struct {
	Institution Ref
	Chapter     Ref
	Committed   int
	CheckedIn   int // leaders checked in and not undone (distinct by the checkins_once index), walk-ins included
	Headcount   int // bulk counts not undone
}

// Counts returns every institution's numbers at an action, ordered by chapter
// then institution name. It is the ground truth the live tally starts from.
func (s *Store) Counts(ctx context.Context, action int64) ([]Count, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT i.id, i.name, c.id, c.name,
		coalesce((SELECT number FROM commitments m WHERE m.action_id = ?1 AND m.institution_id = i.id), 0),
		(SELECT count(*) FROM checkins k WHERE k.action_id = ?1 AND k.institution_id = i.id AND k.undone_at IS NULL),
		coalesce((SELECT sum(count) FROM headcounts h WHERE h.action_id = ?1 AND h.institution_id = i.id AND h.undone_at IS NULL), 0)
		FROM institutions i JOIN chapters c ON c.id = i.chapter_id
		ORDER BY c.name COLLATE NOCASE, c.id, i.name COLLATE NOCASE, i.id`, action)
	if err != nil {
		return nil, fmt.Errorf("counts for action %d: %w", action, err)
	}
	defer rows.Close()
	var out []Count
	for rows.Next() {
		var c Count
		err := rows.Scan(&c.Institution.ID, &c.Institution.Name, &c.Chapter.ID, &c.Chapter.Name,
			&c.Committed, &c.CheckedIn, &c.Headcount)
		if err != nil {
			return nil, fmt.Errorf("counts for action %d: %w", action, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

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
