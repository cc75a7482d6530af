package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// ReportRow is an institution's, a chapter's or the whole action's numbers:
// what was committed and who was present, split by how they were counted.
// Present is Scanned + Paper + WalkIns + Headcounts, the live tally's number.
type ReportRow struct {
	Institution Ref    `json:"institution"` // zero for a chapter or the total
	Chapter     Ref    `json:"chapter"`     // zero for the total
	Kind        string `json:"kind,omitempty"`
	Committed   int    `json:"committed"`
	Scanned     int    `json:"scanned"`    // badge scans at a door
	Paper       int    `json:"paper"`      // entered by an organizer: paper sheets, console
	WalkIns     int    `json:"walk_ins"`   // people without a badge added at a door
	Headcounts  int    `json:"headcounts"` // delegations counted in bulk
	Present     int    `json:"present"`
	Percent     *int   `json:"percent"` // Present over Committed, see percent; null without a commitment
}

// ActionReport is the turnout of one action, per institution and chapter.
type ActionReport struct {
	Action       Action      `json:"action"`
	PurgedAt     *time.Time  `json:"purged_at"`
	Institutions []ReportRow `json:"institutions"`
	Chapters     []ReportRow `json:"chapters"`
	Total        ReportRow   `json:"total"`
}

// ActionReport computes an action's report from the raw tables, in one read
// transaction. Check-ins purged from the action still count, in the split
// they had.
func (s *Store) ActionReport(ctx context.Context, action int64) (ActionReport, error) {
	r := ActionReport{Institutions: []ReportRow{}, Chapters: []ReportRow{}}
	err := s.readSnapshot(ctx, func(q snapshot) error {
		var err error
		if r.Action, err = actionIn(ctx, q, action); err != nil {
			return err
		}
		if r.PurgedAt, err = purgedAt(ctx, q, action); err != nil {
			return err
		}
		return eachRow(ctx, q, reportQuery, r.scanRow, action)
	})
	if err != nil {
		return r, fmt.Errorf("report of action %d: %w", action, err)
	}
	r.Chapters = chapterRows(r.Institutions)
	r.Total = sumRows(r.Chapters, ReportRow{})
	return r, nil
}

const reportQuery = `WITH
	k AS (SELECT institution_id AS id, sum(source = 'scan') AS scanned,
		sum(source IN ('paper', 'console')) AS paper, sum(source = 'walk_in') AS walk_ins
		FROM checkins WHERE action_id = ?1 AND undone_at IS NULL GROUP BY institution_id),
	h AS (SELECT institution_id AS id, sum(count) AS n FROM headcounts
		WHERE action_id = ?1 AND undone_at IS NULL AND id NOT IN (SELECT headcount_id FROM purge_headcounts)
		GROUP BY institution_id)
	SELECT i.id, i.name, i.kind, c.id, c.name, coalesce(m.number, 0),
		coalesce(k.scanned, 0) + coalesce(p.scanned, 0), coalesce(k.paper, 0) + coalesce(p.paper, 0),
		coalesce(k.walk_ins, 0) + coalesce(p.walk_ins, 0), coalesce(h.n, 0)
	FROM institutions i JOIN chapters c ON c.id = i.chapter_id
	LEFT JOIN commitments m ON m.action_id = ?1 AND m.institution_id = i.id
	LEFT JOIN k ON k.id = i.id LEFT JOIN h ON h.id = i.id
	LEFT JOIN purged_counts p ON p.action_id = ?1 AND p.institution_id = i.id
	ORDER BY c.name COLLATE NOCASE, c.id, i.name COLLATE NOCASE, i.id`

func (r *ActionReport) scanRow(rows *sql.Rows) error {
	var x ReportRow
	err := rows.Scan(&x.Institution.ID, &x.Institution.Name, &x.Kind, &x.Chapter.ID, &x.Chapter.Name,
		&x.Committed, &x.Scanned, &x.Paper, &x.WalkIns, &x.Headcounts)
	x.finish()
	r.Institutions = append(r.Institutions, x)
	return err
}

func (x *ReportRow) finish() {
	x.Present = x.Scanned + x.Paper + x.WalkIns + x.Headcounts
	x.Percent = percent(x.Present, x.Committed)
}

// chapterRows sums institution rows, already ordered by chapter.
func chapterRows(insts []ReportRow) []ReportRow {
	out := []ReportRow{}
	for _, in := range insts {
		if len(out) == 0 || out[len(out)-1].Chapter.ID != in.Chapter.ID {
			out = append(out, ReportRow{Chapter: in.Chapter})
		}
		out[len(out)-1] = sumRows([]ReportRow{in}, out[len(out)-1])
	}
	return out
}

func sumRows(rows []ReportRow, into ReportRow) ReportRow {
	for _, r := range rows {
		into.Committed += r.Committed
		into.Scanned += r.Scanned
		into.Paper += r.Paper
		into.WalkIns += r.WalkIns
		into.Headcounts += r.Headcounts
	}
	into.finish()
	return into
}
