package store

import (
	"context"
	"database/sql"
	"fmt"
)

// HistoryPoint is a commitment and the delegation brought to one action.
type HistoryPoint struct {
	Committed int  `json:"committed"`
	Present   int  `json:"present"`
	Percent   *int `json:"percent"`
	FirstTime int  `json:"first_time"` // leaders at their first action
}

// HistorySeries is one institution's or chapter's points, one per action in
// History.Actions order.
type HistorySeries struct {
	ID      int64          `json:"id"`
	Name    string         `json:"name"`
	Chapter Ref            `json:"chapter"` // an institution's chapter; zero for a chapter
	Points  []HistoryPoint `json:"points"`
}

// History is commitment against delegation across every action, oldest
// action first, per institution, per chapter and for the whole network.
type History struct {
	Actions      []Action        `json:"actions"`
	Institutions []HistorySeries `json:"institutions"`
	Chapters     []HistorySeries `json:"chapters"`
	Total        HistorySeries   `json:"total"`
}

// History computes, in one read transaction, each institution's and
// chapter's commitment and delegation at every action. Institutions count
// in the chapter they belong to now.
func (s *Store) History(ctx context.Context) (History, error) {
	h := History{Actions: []Action{}, Institutions: []HistorySeries{}, Chapters: []HistorySeries{}}
	err := s.readSnapshot(ctx, func(q snapshot) error {
		err := eachRow(ctx, q, `SELECT `+actionCols+` FROM actions ORDER BY date, id`, func(rows *sql.Rows) error {
			a, err := scanAction(rows)
			h.Actions = append(h.Actions, a)
			return err
		})
		if err != nil {
			return err
		}
		return h.loadInstitutions(ctx, q)
	})
	if err != nil {
		return h, fmt.Errorf("history: %w", err)
	}
	h.sum()
	return h, nil
}

const historyQuery = firstsCTE + `
	SELECT action_id, institution_id, sum(c), sum(p), sum(f) FROM (
	SELECT action_id, institution_id, number AS c, 0 AS p, 0 AS f FROM commitments
	UNION ALL SELECT action_id, institution_id, 0, count(*), 0 FROM checkins WHERE undone_at IS NULL GROUP BY 1, 2
	UNION ALL SELECT action_id, institution_id, 0, sum(count), 0 FROM headcounts WHERE undone_at IS NULL GROUP BY 1, 2
	UNION ALL SELECT action_id, institution_id, 0, 0, count(*) FROM firsts GROUP BY 1, 2
	UNION ALL SELECT action_id, institution_id, 0, 0, first_time FROM purged_counts)
	GROUP BY 1, 2`

func (h *History) loadInstitutions(ctx context.Context, q snapshot) error {
	col, row := map[int64]int{}, map[int64]int{}
	for i, a := range h.Actions {
		col[a.ID] = i
	}
	err := eachRow(ctx, q, `SELECT i.id, i.name, c.id, c.name FROM institutions i JOIN chapters c ON c.id = i.chapter_id
		ORDER BY c.name COLLATE NOCASE, c.id, i.name COLLATE NOCASE, i.id`, func(rows *sql.Rows) error {
		s := HistorySeries{Points: make([]HistoryPoint, len(h.Actions))}
		err := rows.Scan(&s.ID, &s.Name, &s.Chapter.ID, &s.Chapter.Name)
		row[s.ID] = len(h.Institutions)
		h.Institutions = append(h.Institutions, s)
		return err
	})
	if err != nil {
		return err
	}
	return eachRow(ctx, q, historyQuery, func(rows *sql.Rows) error {
		var action, inst int64
		var p HistoryPoint
		if err := rows.Scan(&action, &inst, &p.Committed, &p.Present, &p.FirstTime); err != nil {
			return err
		}
		if r, ok := row[inst]; ok {
			h.Institutions[r].Points[col[action]] = p
		}
		return nil
	})
}

// sum adds institutions into their chapters and the total, and sets percents.
func (h *History) sum() {
	h.Total = HistorySeries{Points: make([]HistoryPoint, len(h.Actions))}
	for i := range h.Institutions {
		in := &h.Institutions[i]
		if len(h.Chapters) == 0 || h.Chapters[len(h.Chapters)-1].ID != in.Chapter.ID {
			h.Chapters = append(h.Chapters, HistorySeries{ID: in.Chapter.ID, Name: in.Chapter.Name,
				Points: make([]HistoryPoint, len(h.Actions))})
		}
		ch := &h.Chapters[len(h.Chapters)-1]
		for j, p := range in.Points {
			in.Points[j].Percent = percent(p.Present, p.Committed)
			addPoint(&ch.Points[j], p)
			addPoint(&h.Total.Points[j], p)
		}
	}
	for i := range h.Chapters {
		setPercents(h.Chapters[i].Points)
	}
	setPercents(h.Total.Points)
}

func setPercents(points []HistoryPoint) {
	for j, p := range points {
		points[j].Percent = percent(p.Present, p.Committed)
	}
}

func addPoint(into *HistoryPoint, p HistoryPoint) {
	into.Committed += p.Committed
	into.Present += p.Present
	into.FirstTime += p.FirstTime
}
