package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"hash"
	"strconv"
	"strings"
)

type rosterPlanner struct {
	w       *rosterWorld
	create  bool
	plan    RosterPlan
	newInst map[string]int  // new institution key -> index in plan.NewInstitutions
	newCh   map[string]bool // folded names of chapters to create
	seen    map[string]int  // a row's key, as written and as resolved -> first line
	matched map[int64]int   // existing leader -> line that matched it
}

func (p *rosterPlanner) planRow(r *ImportRow) {
	if r.Reason = checkRow(r); r.Reason != "" {
		r.Status = ImportRefused
		showRefused(r)
		return
	}
	// A row repeating an earlier one, as written or as resolved, is a
	// duplicate, whatever else would refuse it.
	written := "as written:" + Fold(r.Name) + "\x00" + Fold(r.Institution) + "\x00" + Fold(r.Chapter)
	if p.duplicate(r, written) {
		return
	}
	instKey, reason := p.institution(r)
	if reason != "" {
		r.Status, r.Reason = ImportRefused, reason
		return
	}
	if p.duplicate(r, Fold(r.Name)+"\x00"+instKey) {
		return
	}
	if r.ExternalID != "" && p.duplicate(r, "external:"+r.ExternalID) {
		return
	}
	p.match(r)
}

// duplicate refuses r when an earlier row had key, and otherwise notes it.
func (p *rosterPlanner) duplicate(r *ImportRow, key string) bool {
	if line, dup := p.seen[key]; dup {
		r.Status, r.Reason, r.SameAs = ImportRefused, "duplicate", line
		return true
	}
	p.seen[key] = r.Line
	return false
}

// institution resolves the row's institution to an existing one (setting
// InstID) or a new one, and returns a key naming it within this file. An
// institution named in a chapter where none has that name is new, even when
// another chapter has a namesake: Siler City's Iglesia San José is not
// Durham's.
func (p *rosterPlanner) institution(r *ImportRow) (string, string) {
	id, reason := p.w.findInstitution(r.Institution, r.Chapter)
	if reason == "institution_in_other_chapter" && p.create {
		reason = ""
	}
	switch {
	case reason != "":
		return "", reason
	case id != 0:
		r.InstID = id
		r.Institution, r.Chapter = p.w.inst[id].name, p.w.inst[id].chapter.Name
		return "id:" + strconv.FormatInt(id, 10), ""
	case r.Chapter == "":
		return "", "missing_chapter"
	case !p.create:
		return "", "unknown_institution"
	}
	r.newInst = Fold(r.Chapter) + "\x00" + Fold(r.Institution)
	p.addNewInstitution(r)
	return "new:" + r.newInst, ""
}

func (p *rosterPlanner) addNewInstitution(r *ImportRow) {
	if i, ok := p.newInst[r.newInst]; ok {
		r.Institution, r.Chapter = p.plan.NewInstitutions[i].Name, p.plan.NewInstitutions[i].Chapter
		return
	}
	ni := NewInstitution{Name: r.Institution, Chapter: r.Chapter, Kind: r.kind, key: r.newInst}
	if ni.Kind == "" {
		ni.Kind = "congregation"
	}
	if c, ok := p.w.chapters[Fold(r.Chapter)]; ok {
		ni.Chapter = c.Name
	} else {
		ni.NewChapter = true
		if !p.newCh[Fold(r.Chapter)] {
			p.newCh[Fold(r.Chapter)] = true
			p.plan.NewChapters = append(p.plan.NewChapters, r.Chapter)
		}
		ni.Chapter = p.chapterSpelling(r.Chapter)
	}
	r.Chapter = ni.Chapter
	p.newInst[r.newInst] = len(p.plan.NewInstitutions)
	p.plan.NewInstitutions = append(p.plan.NewInstitutions, ni)
}

// chapterSpelling is how the file first wrote a new chapter's name.
func (p *rosterPlanner) chapterSpelling(name string) string {
	for _, c := range p.plan.NewChapters {
		if Fold(c) == Fold(name) {
			return c
		}
	}
	return name
}

// match finds the leader a row stands for and what it changes.
func (p *rosterPlanner) match(r *ImportRow) {
	l := p.findLeader(r)
	if l == nil {
		r.Status = ImportAdd
		return
	}
	if l == ambiguous {
		r.Status, r.Reason = ImportRefused, "ambiguous_leader"
		return
	}
	if line, dup := p.matched[l.id]; dup {
		r.Status, r.Reason, r.SameAs = ImportRefused, "duplicate", line
		return
	}
	p.matched[l.id] = r.Line
	r.Leader, r.Changes = l.id, changes(r, l)
	if l.name != r.Name {
		r.Matched = l.name
	}
	r.Status = ImportSame
	if len(r.Changes) > 0 {
		r.Status = ImportUpdate
	}
}

var ambiguous = &leaderRec{id: -1}

// findLeader: the leader holding the row's CRM id; else same name in the
// same institution, else same name and the same phone or email elsewhere,
// among leaders holding no other CRM id; nil when there is none.
func (p *rosterPlanner) findLeader(r *ImportRow) *leaderRec {
	if i, ok := p.w.byExt[r.ExternalID]; ok && r.ExternalID != "" {
		return &p.w.leaders[i]
	}
	var here, moved []*leaderRec
	pk, ek := phoneKey(r.Phone), strings.ToLower(strings.TrimSpace(r.Email))
	for _, i := range p.w.byName[Fold(r.Name)] {
		l := &p.w.leaders[i]
		switch {
		case l.external != "" && r.ExternalID != "":
			// another person of the same name in the CRM
		case r.InstID != 0 && l.inst == r.InstID:
			here = append(here, l)
		case (pk != "" && l.phoneKey == pk) || (ek != "" && l.emailK == ek):
			moved = append(moved, l)
		}
	}
	for _, found := range [][]*leaderRec{here, moved} {
		switch len(found) {
		case 0:
			continue
		case 1:
			return found[0]
		}
		return ambiguous
	}
	return nil
}

func changes(r *ImportRow, l *leaderRec) []string {
	var ch []string
	if r.InstID != l.inst {
		ch = append(ch, "institution")
	}
	if r.Phone != "" && !samePhone(r.Phone, l.phone) {
		ch = append(ch, "phone")
	}
	if r.Email != "" && !strings.EqualFold(r.Email, l.email) {
		ch = append(ch, "email")
	}
	if r.Language != "" && r.Language != l.lang {
		ch = append(ch, "language")
	}
	if r.ExternalID != "" && r.ExternalID != l.external {
		ch = append(ch, "external_id")
	}
	return ch
}

// samePhone: the same text, or the same number written another way
// ("919-555-0101" and "(919) 555 0101"), which an import does not rewrite.
func samePhone(a, b string) bool {
	return a == b || (phoneKey(a) != "" && phoneKey(a) == phoneKey(b))
}

// planHash names a plan by everything it would write.
func planHash(rows []ImportRow, insts []NewInstitution) string {
	h := newPlanHasher()
	for _, r := range rows {
		h.add(r.Line, r.Name, r.Status, r.Reason, r.Leader, r.InstID, r.newInst, r.Phone, r.Email, r.Language, r.Changes,
			r.ExternalID, r.given)
	}
	for _, ni := range insts {
		h.add(ni.key, ni.Name, ni.Chapter, ni.Kind, ni.NewChapter)
	}
	return h.sum()
}

type planHasher struct {
	h   hash.Hash
	enc *json.Encoder
}

func newPlanHasher() planHasher {
	h := sha256.New()
	return planHasher{h: h, enc: json.NewEncoder(h)}
}

func (p planHasher) add(v ...any) { p.enc.Encode(v) }

func (p planHasher) sum() string { return hex.EncodeToString(p.h.Sum(nil))[:32] }
