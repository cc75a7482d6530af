package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// FollowUpLeader is a leader who was expected at an action and did not come.
type FollowUpLeader struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Phone    string `json:"phone"`
	Email    string `json:"email"`
	Language string `json:"language"`
}

// FollowUpInstitution is one committed institution: its numbers and the
// leaders of its roster who did not come.
type FollowUpInstitution struct {
	Institution Ref              `json:"institution"`
	Chapter     Ref              `json:"chapter"`
	Committed   int              `json:"committed"`
	Present     int              `json:"present"`
	Roster      int              `json:"roster"` // leaders on its roster
	Missing     []FollowUpLeader `json:"missing"`
}

// FollowUp is the list for the one-to-ones after an action. Expected are the
// leaders on the roster of every institution with a commitment above zero;
// missing are those among them with no check-in in force. After a purge the
// names are gone and Institutions is empty.
type FollowUp struct {
	Action       Action                `json:"action"`
	PurgedAt     *time.Time            `json:"purged_at"`
	Institutions []FollowUpInstitution `json:"institutions"`
}

// FollowUp lists, per committed institution, who was expected and did not
// come, with their phone; in one read transaction.
func (s *Store) FollowUp(ctx context.Context, action int64) (FollowUp, error) {
	f := FollowUp{Institutions: []FollowUpInstitution{}}
	err := s.readSnapshot(ctx, func(q snapshot) error {
		var err error
		if f.Action, err = actionIn(ctx, q, action); err != nil {
			return err
		}
		if f.PurgedAt, err = purgedAt(ctx, q, action); err != nil || f.PurgedAt != nil {
			return err
		}
		if err := eachRow(ctx, q, followUpInstitutions, f.scanInstitution, action); err != nil {
			return err
		}
		return eachRow(ctx, q, followUpMissing, f.scanMissing, action)
	})
	if err != nil {
		return f, fmt.Errorf("follow-up of action %d: %w", action, err)
	}
	return f, nil
}

const followUpInstitutions = `SELECT i.id, i.name, c.id, c.name, m.number,
	(SELECT count(*) FROM checkins k WHERE k.action_id = ?1 AND k.institution_id = i.id AND k.undone_at IS NULL) +
	coalesce((SELECT sum(count) FROM headcounts h WHERE h.action_id = ?1 AND h.institution_id = i.id AND h.undone_at IS NULL), 0),
	(SELECT count(*) FROM leaders l WHERE l.institution_id = i.id)
	FROM commitments m JOIN institutions i ON i.id = m.institution_id JOIN chapters c ON c.id = i.chapter_id
	WHERE m.action_id = ?1 AND m.number > 0
	ORDER BY c.name COLLATE NOCASE, c.id, i.name COLLATE NOCASE, i.id`

const followUpMissing = `SELECT l.institution_id, l.id, l.name, l.phone, l.email, l.language
	FROM commitments m JOIN leaders l ON l.institution_id = m.institution_id
	WHERE m.action_id = ?1 AND m.number > 0 AND NOT EXISTS
		(SELECT 1 FROM checkins k WHERE k.action_id = ?1 AND k.leader_id = l.id AND k.undone_at IS NULL)
	ORDER BY l.name COLLATE NOCASE, l.id`

func (f *FollowUp) scanInstitution(rows *sql.Rows) error {
	var in FollowUpInstitution
	err := rows.Scan(&in.Institution.ID, &in.Institution.Name, &in.Chapter.ID, &in.Chapter.Name,
		&in.Committed, &in.Present, &in.Roster)
	in.Missing = []FollowUpLeader{}
	f.Institutions = append(f.Institutions, in)
	return err
}

func (f *FollowUp) scanMissing(rows *sql.Rows) error {
	var inst int64
	var l FollowUpLeader
	if err := rows.Scan(&inst, &l.ID, &l.Name, &l.Phone, &l.Email, &l.Language); err != nil {
		return err
	}
	for i := range f.Institutions {
		if f.Institutions[i].Institution.ID == inst {
			f.Institutions[i].Missing = append(f.Institutions[i].Missing, l)
			return nil
		}
	}
	return nil
}
