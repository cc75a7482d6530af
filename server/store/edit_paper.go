package store

import (
	"context"
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
	return s.addAndCheckIn(ctx, newLeaderCheckIn{
		kind:   "paper_leader",
		leader: NewLeader{Name: in.Name, Institution: in.Institution, Phone: in.Phone, Language: in.Language},
		in:     CheckIn{ID: in.ID, Action: in.Action, By: in.By, Source: "paper", At: in.At},
	})
}
