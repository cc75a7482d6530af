package store

import (
	"context"
	"database/sql"
	"fmt"
)

// ImportRoster applies a roster import, in one transaction, only if the plan
// made again inside that transaction has the preview's hash. It returns the
// plan it applied.
func (s *Store) ImportRoster(ctx context.Context, t Table, create bool, hash string) (RosterPlan, error) {
	var plan RosterPlan
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		if err := editableIn(tx); err != nil {
			return nil, err
		}
		var err error
		if plan, err = planRoster(ctx, tx, t, create); err != nil {
			return nil, err
		}
		if plan.Hash != hash {
			return nil, ErrPlanChanged
		}
		return applyRoster(tx, plan)
	})
	if err != nil {
		return plan, fmt.Errorf("import roster: %w", err)
	}
	return plan, nil
}

func applyRoster(tx *sql.Tx, plan RosterPlan) ([]Event, error) {
	insts, err := createInstitutions(tx, plan)
	if err != nil {
		return nil, err
	}
	for _, r := range plan.Rows {
		inst := r.InstID
		if r.newInst != "" {
			inst = insts[r.newInst]
		}
		switch r.Status {
		case ImportAdd:
			lang := r.Language
			if lang == "" {
				lang = "es"
			}
			_, err = insertLeader(tx, NewLeader{Name: r.Name, Institution: inst, Phone: r.Phone, Email: r.Email,
				Language: lang, ExternalID: r.ExternalID, GivenName: r.given})
		case ImportUpdate:
			err = updateImported(tx, r, inst)
		}
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", r.Line, err)
		}
	}
	if len(insts) > 0 {
		return []Event{{Kind: "structure"}}, nil
	}
	return nil, nil
}

// createInstitutions makes the plan's new chapters and institutions and
// returns the new institutions' ids by key.
func createInstitutions(tx *sql.Tx, plan RosterPlan) (map[string]int64, error) {
	chapters := map[string]int64{}
	for _, name := range plan.NewChapters {
		res, err := tx.Exec(`INSERT INTO chapters (name) VALUES (?)`, name)
		if err != nil {
			return nil, uniqueErr(err, "insert chapter")
		}
		chapters[name], _ = res.LastInsertId()
	}
	ids := map[string]int64{}
	for _, ni := range plan.NewInstitutions {
		ch, ok := chapters[ni.Chapter]
		if !ok {
			if err := tx.QueryRow(`SELECT id FROM chapters WHERE name = ?`, ni.Chapter).Scan(&ch); err != nil {
				return nil, fmt.Errorf("find chapter %q: %w", ni.Chapter, err)
			}
		}
		res, err := tx.Exec(`INSERT INTO institutions (chapter_id, name, kind) VALUES (?, ?, ?)`, ch, ni.Name, ni.Kind)
		if err != nil {
			return nil, uniqueErr(err, "insert institution")
		}
		ids[ni.key], _ = res.LastInsertId()
	}
	return ids, nil
}

func updateImported(tx *sql.Tx, r ImportRow, inst int64) error {
	for _, field := range r.Changes {
		col, val := "institution_id", any(inst)
		switch field {
		case "phone":
			col, val = "phone", r.Phone
		case "email":
			col, val = "email", r.Email
		case "language":
			col, val = "language", r.Language
		case "external_id":
			col, val = "external_id", r.ExternalID
		}
		if _, err := tx.Exec(`UPDATE leaders SET `+col+` = ? WHERE id = ?`, val, r.Leader); err != nil {
			return fmt.Errorf("update leader %d: %w", r.Leader, err)
		}
	}
	return nil
}
