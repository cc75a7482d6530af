package store

import (
	"context"
	"fmt"
	"net/mail"
)

// What an import does with a row.
const (
	ImportAdd     = "add"
	ImportUpdate  = "update"
	ImportSame    = "same"
	ImportRefused = "refused"
)

// ImportRow is what a roster import will do with one row of the file.
type ImportRow struct {
	Line        int      `json:"line"`
	Name        string   `json:"name"`
	Institution string   `json:"institution"`
	Chapter     string   `json:"chapter"`
	Phone       string   `json:"phone,omitempty"`
	Email       string   `json:"email,omitempty"`
	Language    string   `json:"language,omitempty"`
	ExternalID  string   `json:"external_id,omitempty"` // the person's id in the CRM the file came from
	Status      string   `json:"status"`
	Reason      string   `json:"reason,omitempty"`  // why a row is refused, a stable code
	Changes     []string `json:"changes,omitempty"` // the fields an update changes
	SameAs      int      `json:"same_as,omitempty"` // the earlier line a duplicate repeats
	Leader      int64    `json:"leader,omitempty"`  // the leader an update or same row matched
	Matched     string   `json:"matched,omitempty"` // that leader's name, when the file spells it otherwise
	InstID      int64    `json:"institution_id,omitempty"`
	kind        string
	newInst     string // key of a new institution this row needs
	given       string // the first-name cell, when the name was built from separate columns
}

// NewInstitution is an institution a file names that does not exist yet.
type NewInstitution struct {
	Name       string `json:"name"`
	Chapter    string `json:"chapter"`
	Kind       string `json:"kind"`
	NewChapter bool   `json:"new_chapter"`
	key        string
}

// RosterPlan is the preview of a roster import: what each row will do, and
// the chapters and institutions it will create. Hash names the plan; the
// import is applied only if the plan made again at that moment has the same.
type RosterPlan struct {
	Encoding        string            `json:"encoding"`
	Delimiter       string            `json:"delimiter"`
	Columns         map[string]string `json:"columns"` // field -> header found
	Ignored         []string          `json:"ignored_columns"`
	Blank           int               `json:"blank_lines"`
	Rows            []ImportRow       `json:"rows"`
	NewChapters     []string          `json:"new_chapters"`
	NewInstitutions []NewInstitution  `json:"new_institutions"`
	Add             int               `json:"add"`
	Update          int               `json:"update"`
	Same            int               `json:"same"`
	Refused         int               `json:"refused"`
	Hash            string            `json:"hash"`
}

// PlanRoster previews a roster import without writing anything. With create,
// chapters and institutions the file names that do not exist will be made;
// without, their rows are refused.
//
// A row matches an existing leader when, accents, case and spacing aside,
// it has the same name in the same institution; or, failing that, the same
// name and the same phone (last ten digits) or email in another institution
// (the person moved). Never by phone or email alone: families share them.
// A row with a CRM person id (VanID, Action Network's uuid) matches first
// the leader holding that id, whatever the name; a leader holding another
// id is never matched by name.
// A matched row updates phone, email, language and institution when the file
// gives a different value; an empty cell never erases one.
func (s *Store) PlanRoster(ctx context.Context, t Table, create bool) (RosterPlan, error) {
	var plan RosterPlan
	err := s.readSnapshot(ctx, func(q snapshot) error {
		var err error
		plan, err = planRoster(ctx, q, t, create)
		return err
	})
	return plan, err
}

func planRoster(ctx context.Context, q querier, t Table, create bool) (RosterPlan, error) {
	at, ignored := columns(t.Header)
	if err := needColumns(at, colInstitution); err != nil {
		return RosterPlan{}, err
	}
	w, err := loadRosterWorld(ctx, q)
	if err != nil {
		return RosterPlan{}, fmt.Errorf("plan roster: %w", err)
	}
	p := &rosterPlanner{w: w, create: create, newInst: map[string]int{}, newCh: map[string]bool{},
		seen: map[string]int{}, matched: map[int64]int{}}
	p.plan = RosterPlan{Encoding: t.Encoding, Delimiter: t.Delimiter, Columns: columnHeaders(t.Header, at),
		Ignored: ignored, Blank: t.Blank, Rows: make([]ImportRow, 0, len(t.Rows)),
		NewChapters: []string{}, NewInstitutions: []NewInstitution{}}
	for i, rec := range t.Rows {
		r := rosterRow(rec, at, t.Lines[i])
		p.planRow(&r)
		p.plan.Rows = append(p.plan.Rows, r)
	}
	p.plan.count()
	p.plan.Hash = planHash(p.plan.Rows, p.plan.NewInstitutions)
	return p.plan, nil
}

// needColumns checks the header names a name column and the others given.
func needColumns(at map[string]int, fields ...string) error {
	_, first := at[colFirst]
	_, full := at[colFull]
	if !first && !full {
		return invalid("columns", "no name column (nombre, name)")
	}
	for _, f := range fields {
		if _, ok := at[f]; !ok {
			return invalid("columns", "no "+f+" column")
		}
	}
	return nil
}

func columnHeaders(header []string, at map[string]int) map[string]string {
	out := map[string]string{}
	for f, i := range at {
		out[f] = header[i]
	}
	return out
}

func rosterRow(rec []string, at map[string]int, line int) ImportRow {
	name, given := rowName(rec, at)
	return ImportRow{Line: line, Name: name, Institution: joinName(cell(rec, at, colInstitution)),
		Chapter: joinName(cell(rec, at, colChapter)), Phone: cell(rec, at, colPhone),
		Email: cell(rec, at, colEmail), Language: cell(rec, at, colLanguage), kind: parseKind(cell(rec, at, colKind)),
		ExternalID: externalID(rec, at), given: given}
}

// rowName is the row's name: its full-name cell, else its first and last
// names joined. given is the first-name cell when the name was built from
// a first name and last names in columns of their own, and "" otherwise (a
// file with one name column holds whole names there).
func rowName(rec []string, at map[string]int) (name, given string) {
	if full := cell(rec, at, colFull); full != "" {
		return joinName(full), ""
	}
	first := joinName(cell(rec, at, colFirst))
	last := joinName(cell(rec, at, colLast), cell(rec, at, colLast2))
	if first == "" || last == "" {
		return joinName(first, last), ""
	}
	return joinName(first, last), first
}

// checkRow gives the reason a row cannot be imported, or "": its names
// follow the rule of every name (nameProblem), its phone and email the rule
// of every contact.
func checkRow(r *ImportRow) string {
	lang, ok := parseLanguage(r.Language)
	r.Language = lang
	if r.Name == "" {
		return "missing_name"
	}
	for _, name := range []string{r.Name, r.Institution, r.Chapter} {
		if p := nameProblem(name); p != "" && p != textMissing {
			return p
		}
	}
	for _, c := range []struct {
		value string
		max   int
	}{{r.Phone, 40}, {r.Email, 200}, {r.ExternalID, 100}} {
		if p := contactProblem(c.value, c.max); p != "" {
			return p
		}
	}
	switch {
	case !ok:
		return "bad_language"
	case r.Email != "" && !emailLike(r.Email):
		return "bad_email"
	case r.Institution == "":
		return "missing_institution"
	}
	return ""
}

// emailLike reports whether s is one plain address (ana@example.org), not
// a typo a follow-up message would bounce from ("carla@@ejemplo",
// "ana ejemplo.org") nor a display name with one ("Ana <ana@...>").
func emailLike(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Name == "" && a.Address == s
}

// showRefused makes a row refused for its text fit to show: no control
// character, no name of thousands of characters.
func showRefused(r *ImportRow) {
	for _, s := range []*string{&r.Name, &r.Institution, &r.Chapter, &r.Phone, &r.Email, &r.ExternalID} {
		*s = shown(*s)
	}
}

func (p *RosterPlan) count() {
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
	}
}
