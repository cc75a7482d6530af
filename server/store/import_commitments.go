package store

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// CommitmentRow is what a commitments import will do with one row: add a
// commitment, change one (Was is the number before) or keep it the same.
type CommitmentRow struct {
	Line        int    `json:"line"`
	Institution string `json:"institution"`
	Chapter     string `json:"chapter"`
	Number      int    `json:"number"`
	Was         *int   `json:"was,omitempty"`
	Status      string `json:"status"`
	Reason      string `json:"reason,omitempty"`
	SameAs      int    `json:"same_as,omitempty"`
	InstID      int64  `json:"institution_id,omitempty"`
}

// CommitmentPlan is the preview of a commitments import, named by Hash.
type CommitmentPlan struct {
	Encoding  string          `json:"encoding"`
	Delimiter string          `json:"delimiter"`
	Rows      []CommitmentRow `json:"rows"`
	Add       int             `json:"add"`
	Update    int             `json:"update"`
	Same      int             `json:"same"`
	Refused   int             `json:"refused"`
	Hash      string          `json:"hash"`
}

// PlanCommitments previews a file of commitments (institution, number, and
// optionally chapter) for an action without writing anything. Institutions
// must exist: a commitment is made by a member institution.
func (s *Store) PlanCommitments(ctx context.Context, action int64, t Table) (CommitmentPlan, error) {
	var plan CommitmentPlan
	err := s.readSnapshot(ctx, func(q snapshot) error {
		var err error
		plan, err = planCommitments(ctx, q, action, t)
		return err
	})
	return plan, err
}

// ImportCommitments applies a commitments import if the plan made again in
// the transaction has the preview's hash.
func (s *Store) ImportCommitments(ctx context.Context, action int64, t Table, hash string) (CommitmentPlan, error) {
	var plan CommitmentPlan
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		var err error
		if plan, err = planCommitments(ctx, tx, action, t); err != nil {
			return nil, err
		}
		if plan.Hash != hash {
			return nil, ErrPlanChanged
		}
		for _, r := range plan.Rows {
			if r.Status == ImportAdd || r.Status == ImportUpdate {
				if err := upsertCommitment(tx, action, r.InstID, r.Number); err != nil {
					return nil, err
				}
			}
		}
		return []Event{{Kind: "structure", Action: action}}, nil
	})
	return plan, err
}

func planCommitments(ctx context.Context, q querier, action int64, t Table) (CommitmentPlan, error) {
	at, _ := columns(t.Header)
	for _, f := range []string{colInstitution, colNumber} {
		if _, ok := at[f]; !ok {
			return CommitmentPlan{}, invalid("columns", "no "+f+" column")
		}
	}
	w, err := loadRosterWorld(ctx, q)
	if err != nil {
		return CommitmentPlan{}, fmt.Errorf("plan commitments: %w", err)
	}
	was := map[int64]int{}
	err = eachRow(ctx, q, `SELECT institution_id, number FROM commitments WHERE action_id = ?`, func(rows *sql.Rows) error {
		var id int64
		var n int
		err := rows.Scan(&id, &n)
		was[id] = n
		return err
	}, action)
	if err != nil {
		return CommitmentPlan{}, fmt.Errorf("plan commitments: %w", err)
	}
	p := CommitmentPlan{Encoding: t.Encoding, Delimiter: t.Delimiter, Rows: make([]CommitmentRow, 0, len(t.Rows))}
	seen := map[int64]int{}
	for i, rec := range t.Rows {
		p.Rows = append(p.Rows, planCommitment(w, was, seen, rec, at, t.Lines[i]))
	}
	p.count()
	return p, nil
}

func planCommitment(w *rosterWorld, was map[int64]int, seen map[int64]int, rec []string, at map[string]int, line int) CommitmentRow {
	r := CommitmentRow{Line: line, Institution: joinName(cell(rec, at, colInstitution)), Chapter: joinName(cell(rec, at, colChapter))}
	n, ok := parseNumber(cell(rec, at, colNumber))
	r.Number = n
	var reason string
	switch {
	case r.Institution == "":
		reason = "missing_institution"
	case !ok:
		reason = "bad_number"
	default:
		if r.InstID, reason = w.findInstitution(r.Institution, r.Chapter); r.InstID == 0 && reason == "" {
			reason = "unknown_institution"
		}
	}
	if line, dup := seen[r.InstID]; reason == "" && dup {
		r.SameAs, reason = line, "duplicate"
	}
	if reason != "" {
		r.Status, r.Reason, r.InstID = ImportRefused, reason, 0
		return r
	}
	seen[r.InstID] = line
	r.Institution, r.Chapter = w.inst[r.InstID].name, w.inst[r.InstID].chapter.Name
	r.Status = ImportAdd
	if old, ok := was[r.InstID]; ok {
		r.Was, r.Status = &old, ImportUpdate
		if old == n {
			r.Status = ImportSame
		}
	}
	return r
}

var numberPattern = regexp.MustCompile(`^\d{1,3}([.,\s]\d{3})*$|^\d+$`)

// parseNumber reads "25", "1,200" or "1.200"; 0 to 100000.
func parseNumber(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if !numberPattern.MatchString(s) {
		return 0, false
	}
	n, err := strconv.Atoi(strings.NewReplacer(",", "", ".", "", " ", "").Replace(s))
	return n, err == nil && n <= 100_000
}

func (p *CommitmentPlan) count() {
	h := newPlanHasher()
	for _, r := range p.Rows {
		switch r.Status {
		case ImportAdd:
			p.Add++
		case ImportUpdate:
			p.Update++
		case ImportSame:
			p.Same++
		default:
			p.Refused++
		}
		h.add(r.Line, r.Status, r.Reason, r.InstID, r.Number, r.Was)
	}
	p.Hash = h.sum()
}
