package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// ChaseLeader is a leader of a short institution who has not arrived, as an
// organizer calls or texts them.
type ChaseLeader struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Phone    string `json:"phone"`
	Language string `json:"language"`
}

// ChaseInstitution is an institution below its commitment: whom to call
// there, and its leaders not yet present.
type ChaseInstitution struct {
	Institution Ref `json:"institution"`
	Chapter     Ref `json:"chapter"`
	Contact
	Committed int           `json:"committed"`
	Present   int           `json:"present"`
	Short     int           `json:"short"` // Committed - Present
	Missing   []ChaseLeader `json:"missing"`
}

// Chase is the list organizers work from while an action runs: the
// institutions below their commitment, the most short first, and the
// messages to prefill. Only leaders who agreed to be contacted are listed.
type Chase struct {
	Action       Action             `json:"action"`
	PurgedAt     *time.Time         `json:"purged_at"`
	Messages     Messages           `json:"messages"`
	Institutions []ChaseInstitution `json:"institutions"`
}

// Chase reads the chase list of an action in one read transaction. After a
// purge nobody is known to be present, so the list is empty.
func (s *Store) Chase(ctx context.Context, action int64) (Chase, error) {
	ch := Chase{Institutions: []ChaseInstitution{}}
	err := s.readSnapshot(ctx, func(q snapshot) error {
		var err error
		if ch.Action, err = actionIn(ctx, q, action); err != nil {
			return err
		}
		if ch.Messages, err = messagesIn(ctx, q, action); err != nil {
			return err
		}
		if ch.PurgedAt, err = purgedAt(ctx, q, action); err != nil || ch.PurgedAt != nil {
			return err
		}
		if err := eachRow(ctx, q, chaseInstitutions, ch.scanInstitution, action); err != nil {
			return err
		}
		return eachRow(ctx, q, chaseMissing, ch.scanMissing, action)
	})
	if err != nil {
		return ch, fmt.Errorf("chase of action %d: %w", action, err)
	}
	return ch, nil
}

const chaseInstitutions = `SELECT id, name, chapter_id, chapter, contact_name, contact_phone, committed, present FROM (
	SELECT i.id, i.name, c.id AS chapter_id, c.name AS chapter, i.contact_name, i.contact_phone, m.number AS committed,
		(SELECT count(*) FROM checkins k WHERE k.action_id = ?1 AND k.institution_id = i.id AND k.undone_at IS NULL) +
		coalesce((SELECT sum(count) FROM headcounts h WHERE h.action_id = ?1 AND h.institution_id = i.id AND h.undone_at IS NULL), 0)
		AS present
	FROM commitments m JOIN institutions i ON i.id = m.institution_id JOIN chapters c ON c.id = i.chapter_id
	WHERE m.action_id = ?1)
	WHERE present < committed
	ORDER BY committed - present DESC, chapter COLLATE NOCASE, chapter_id, name COLLATE NOCASE, id`

const chaseMissing = `SELECT l.institution_id, l.id, l.name, l.phone, l.language
	FROM commitments m JOIN leaders l ON l.institution_id = m.institution_id
	WHERE m.action_id = ?1 AND m.number > 0 AND l.consent = 1 AND NOT EXISTS
		(SELECT 1 FROM checkins k WHERE k.action_id = ?1 AND k.leader_id = l.id AND k.undone_at IS NULL)
	ORDER BY l.name COLLATE NOCASE, l.id`

func (ch *Chase) scanInstitution(rows *sql.Rows) error {
	var in ChaseInstitution
	err := rows.Scan(&in.Institution.ID, &in.Institution.Name, &in.Chapter.ID, &in.Chapter.Name,
		&in.Contact.Name, &in.Contact.Phone, &in.Committed, &in.Present)
	in.Short = in.Committed - in.Present
	in.Missing = []ChaseLeader{}
	ch.Institutions = append(ch.Institutions, in)
	return err
}

func (ch *Chase) scanMissing(rows *sql.Rows) error {
	var inst int64
	var l ChaseLeader
	if err := rows.Scan(&inst, &l.ID, &l.Name, &l.Phone, &l.Language); err != nil {
		return err
	}
	for i := range ch.Institutions {
		if ch.Institutions[i].Institution.ID == inst {
			ch.Institutions[i].Missing = append(ch.Institutions[i].Missing, l)
			return nil
		}
	}
	return nil // an institution that is not short
}
