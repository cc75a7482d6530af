package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// PaperLeader asks for a person written on a paper sign-in sheet, who is not
// on the roster, to be added to an institution and checked in from "paper"
// at the time given.
type PaperLeader struct {
	ID          string // client-generated, makes the write idempotent
	Action      int64
	Name        string
	Institution int64
	Phone       string
	Language    string
	At          time.Time
	By          Actor
}

// AddPaperLeader adds the leader, with a fresh badge code, and checks them
// in, in one transaction. Replaying the id returns the first answer.
func (s *Store) AddPaperLeader(ctx context.Context, in PaperLeader) (CheckInResult, error) {
	var res CheckInResult
	if err := checkClientID(in.ID); err != nil {
		return res, err
	}
	nl := NewLeader{Name: in.Name, Institution: in.Institution, Phone: in.Phone, Language: in.Language}
	if err := nl.check(); err != nil {
		return res, err
	}
	err := s.write(ctx, func(tx *sql.Tx) ([]Event, error) {
		if found, err := replay(tx, in.ID, "paper_leader", in.Action, &res); found || err != nil {
			return nil, err
		}
		if err := actionExists(tx, in.Action); err != nil {
			return nil, err
		}
		if _, err := institutionRef(tx, in.Institution); err != nil {
			return nil, err
		}
		ref, err := insertLeader(tx, nl)
		if err != nil {
			return nil, err
		}
		return s.paperCheckIn(tx, in, ref.Code, &res)
	})
	if err != nil {
		return CheckInResult{}, fmt.Errorf("paper leader %s: %w", in.ID, err)
	}
	return res, nil
}

func (s *Store) paperCheckIn(tx *sql.Tx, in PaperLeader, code string, res *CheckInResult) ([]Event, error) {
	l, err := leaderByCode(tx, code)
	if err != nil {
		return nil, err
	}
	at := s.clamp(in.At, "paper")
	ci := CheckIn{ID: in.ID, Action: in.Action, Code: code, By: in.By, Source: "paper", At: at}
	if err := insertCheckIn(tx, ci, l, at); err != nil {
		return nil, err
	}
	*res = CheckInResult{Status: StatusCheckedIn, ID: in.ID, Leader: l, At: at}
	ev := Event{Kind: "checkin", Action: in.Action, Institution: l.Institution.ID, Delta: 1, At: at}
	return []Event{ev}, saveReply(tx, in.ID, "paper_leader", in.Action, res)
}
