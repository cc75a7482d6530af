package store

import (
	"context"
	"database/sql"
	"strings"
)

type instRec struct {
	id      int64
	name    string
	chapter Ref
}

type leaderRec struct {
	id                         int64
	name                       string
	inst                       int64
	phone, email, lang         string
	foldName, phoneKey, emailK string
}

// rosterWorld is what an import plan is checked against: the chapters,
// institutions and leaders as they are now.
type rosterWorld struct {
	chapters map[string]Ref     // by folded name
	insts    map[string][]int64 // folded institution name -> ids
	inst     map[int64]instRec
	leaders  []leaderRec
	byName   map[string][]int // folded leader name -> indices in leaders
}

func loadRosterWorld(ctx context.Context, q querier) (*rosterWorld, error) {
	w := &rosterWorld{chapters: map[string]Ref{}, insts: map[string][]int64{}, inst: map[int64]instRec{}, byName: map[string][]int{}}
	err := eachRow(ctx, q, `SELECT i.id, i.name, c.id, c.name FROM institutions i JOIN chapters c ON c.id = i.chapter_id
		ORDER BY i.id`, func(rows *sql.Rows) error {
		var r instRec
		if err := rows.Scan(&r.id, &r.name, &r.chapter.ID, &r.chapter.Name); err != nil {
			return err
		}
		w.inst[r.id] = r
		w.insts[Fold(r.name)] = append(w.insts[Fold(r.name)], r.id)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, q, `SELECT id, name FROM chapters ORDER BY id`, func(rows *sql.Rows) error {
		var c Ref
		err := rows.Scan(&c.ID, &c.Name)
		w.chapters[Fold(c.Name)] = c
		return err
	})
	if err != nil {
		return nil, err
	}
	return w, w.loadLeaders(ctx, q)
}

func (w *rosterWorld) loadLeaders(ctx context.Context, q querier) error {
	return eachRow(ctx, q, `SELECT id, name, institution_id, phone, email, language FROM leaders ORDER BY id`,
		func(rows *sql.Rows) error {
			var l leaderRec
			if err := rows.Scan(&l.id, &l.name, &l.inst, &l.phone, &l.email, &l.lang); err != nil {
				return err
			}
			l.foldName, l.phoneKey, l.emailK = Fold(l.name), phoneKey(l.phone), strings.ToLower(l.email)
			w.byName[l.foldName] = append(w.byName[l.foldName], len(w.leaders))
			w.leaders = append(w.leaders, l)
			return nil
		})
}

// findInstitution resolves an institution named in a file, optionally
// within a chapter. It answers the id; or 0 and no reason when there is
// none of that name; or a refusal reason: institution_in_other_chapter when
// only other chapters have one of that name, ambiguous_institution when
// several match.
func (w *rosterWorld) findInstitution(name, chapter string) (int64, string) {
	ids := w.insts[Fold(name)]
	if chapter != "" {
		var in []int64
		for _, id := range ids {
			if Fold(w.inst[id].chapter.Name) == Fold(chapter) {
				in = append(in, id)
			}
		}
		if len(in) == 0 && len(ids) > 0 {
			return 0, "institution_in_other_chapter"
		}
		ids = in
	}
	switch len(ids) {
	case 0:
		return 0, ""
	case 1:
		return ids[0], ""
	}
	return 0, "ambiguous_institution"
}
