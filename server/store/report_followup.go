package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// FollowUpLeader is a leader to call or text after an action.
type FollowUpLeader struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Phone    string `json:"phone"`
	Email    string `json:"email"`
	Language string `json:"language"`
}

// The follow-up lists, as ?list= names them.
const (
	ListAbsent  = "absent"   // committed but absent
	ListFirst   = "first"    // came for the first time
	ListWalkIns = "walk_ins" // came without a badge
)

// FollowUpInstitution is one institution's numbers and its three lists:
// leaders of its roster who did not come (when it committed), its
// first-timers and its walk-ins. Withheld counts, per list, the people left
// out because they did not agree to be contacted.
type FollowUpInstitution struct {
	Institution Ref              `json:"institution"`
	Chapter     Ref              `json:"chapter"`
	Committed   int              `json:"committed"`
	Present     int              `json:"present"`
	Roster      int              `json:"roster"` // leaders on its roster
	Missing     []FollowUpLeader `json:"missing"`
	FirstTimers []FollowUpLeader `json:"first_timers"`
	WalkIns     []FollowUpLeader `json:"walk_ins"`
	Withheld    map[string]int   `json:"withheld"`
}

// FollowUp is the lists for the calls after an action, per institution that
// committed, or had a first-timer or a walk-in. After a purge the names are
// gone and Institutions is empty.
type FollowUp struct {
	Action       Action                `json:"action"`
	PurgedAt     *time.Time            `json:"purged_at"`
	Messages     Messages              `json:"messages"`
	Institutions []FollowUpInstitution `json:"institutions"`
}

// FollowUp reads the follow-up lists in one read transaction. Missing are
// the leaders on the roster of an institution with a commitment above zero
// and no check-in in force; first-timers and walk-ins have one in force.
func (s *Store) FollowUp(ctx context.Context, action int64) (FollowUp, error) {
	f := FollowUp{Institutions: []FollowUpInstitution{}}
	err := s.readSnapshot(ctx, func(q snapshot) error {
		var err error
		if f.Action, err = actionIn(ctx, q, action); err != nil {
			return err
		}
		if f.Messages, err = messagesIn(ctx, q, action); err != nil {
			return err
		}
		if f.PurgedAt, err = purgedAt(ctx, q, action); err != nil || f.PurgedAt != nil {
			return err
		}
		if err := eachRow(ctx, q, followUpInstitutions, f.scanInstitution, action); err != nil {
			return err
		}
		for list, query := range map[string]string{ListAbsent: followUpMissing, ListFirst: followUpFirst, ListWalkIns: followUpWalkIns} {
			if err := eachRow(ctx, q, query, f.scanLeader(list), action); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return f, fmt.Errorf("follow-up of action %d: %w", action, err)
	}
	return f, nil
}

const followUpInstitutions = firstsCTE + `,
	walked AS (SELECT k.institution_id AS id FROM walkins w JOIN checkins k ON k.id = w.checkin_id
		WHERE w.action_id = ?1 AND k.undone_at IS NULL),
	listed AS (SELECT institution_id AS id FROM commitments WHERE action_id = ?1 AND number > 0
		UNION SELECT institution_id FROM firsts WHERE action_id = ?1 UNION SELECT id FROM walked)
	SELECT i.id, i.name, c.id, c.name, coalesce(m.number, 0),
	(SELECT count(*) FROM checkins k WHERE k.action_id = ?1 AND k.institution_id = i.id AND k.undone_at IS NULL) +
	coalesce((SELECT sum(count) FROM headcounts h WHERE h.action_id = ?1 AND h.institution_id = i.id AND h.undone_at IS NULL), 0),
	(SELECT count(*) FROM leaders l WHERE l.institution_id = i.id)
	FROM listed JOIN institutions i ON i.id = listed.id JOIN chapters c ON c.id = i.chapter_id
	LEFT JOIN commitments m ON m.action_id = ?1 AND m.institution_id = i.id
	ORDER BY c.name COLLATE NOCASE, c.id, i.name COLLATE NOCASE, i.id`

const followUpMissing = `SELECT l.institution_id, l.id, l.name, l.phone, l.email, l.language, l.consent
	FROM commitments m JOIN leaders l ON l.institution_id = m.institution_id
	WHERE m.action_id = ?1 AND m.number > 0 AND NOT EXISTS
		(SELECT 1 FROM checkins k WHERE k.action_id = ?1 AND k.leader_id = l.id AND k.undone_at IS NULL)
	ORDER BY l.name COLLATE NOCASE, l.id`

const followUpFirst = firstsCTE + `
	SELECT f.institution_id, l.id, l.name, l.phone, l.email, l.language, l.consent
	FROM firsts f JOIN leaders l ON l.id = f.leader_id WHERE f.action_id = ?1
	ORDER BY l.name COLLATE NOCASE, l.id`

const followUpWalkIns = `SELECT k.institution_id, l.id, l.name, l.phone, l.email, l.language, l.consent
	FROM walkins w JOIN checkins k ON k.id = w.checkin_id JOIN leaders l ON l.id = w.leader_id
	WHERE w.action_id = ?1 AND k.undone_at IS NULL
	ORDER BY l.name COLLATE NOCASE, l.id`

func (f *FollowUp) scanInstitution(rows *sql.Rows) error {
	var in FollowUpInstitution
	err := rows.Scan(&in.Institution.ID, &in.Institution.Name, &in.Chapter.ID, &in.Chapter.Name,
		&in.Committed, &in.Present, &in.Roster)
	in.Missing, in.FirstTimers, in.WalkIns = []FollowUpLeader{}, []FollowUpLeader{}, []FollowUpLeader{}
	in.Withheld = map[string]int{ListAbsent: 0, ListFirst: 0, ListWalkIns: 0}
	f.Institutions = append(f.Institutions, in)
	return err
}

// scanLeader puts each row in its institution's list, or counts it withheld
// when the person did not agree to be contacted.
func (f *FollowUp) scanLeader(list string) func(*sql.Rows) error {
	return func(rows *sql.Rows) error {
		var inst int64
		var l FollowUpLeader
		var consent bool
		if err := rows.Scan(&inst, &l.ID, &l.Name, &l.Phone, &l.Email, &l.Language, &consent); err != nil {
			return err
		}
		in := f.institution(inst)
		switch {
		case in == nil:
		case !consent:
			in.Withheld[list]++
		default:
			in.add(list, l)
		}
		return nil
	}
}

func (f *FollowUp) institution(id int64) *FollowUpInstitution {
	for i := range f.Institutions {
		if f.Institutions[i].Institution.ID == id {
			return &f.Institutions[i]
		}
	}
	return nil
}

func (in *FollowUpInstitution) add(list string, l FollowUpLeader) {
	switch list {
	case ListAbsent:
		in.Missing = append(in.Missing, l)
	case ListFirst:
		in.FirstTimers = append(in.FirstTimers, l)
	case ListWalkIns:
		in.WalkIns = append(in.WalkIns, l)
	}
}

// List is one of the institution's lists, by its ?list= name.
func (in *FollowUpInstitution) List(list string) []FollowUpLeader {
	switch list {
	case ListFirst:
		return in.FirstTimers
	case ListWalkIns:
		return in.WalkIns
	}
	return in.Missing
}
