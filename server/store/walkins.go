package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// WalkIn asks for a person without a badge to be added to an institution's
// roster at the door and checked in.
type WalkIn struct {
	ID          string
	Action      int64
	Name        string
	Institution int64
	Language    string
	Phone       string // optional, like Email
	Email       string
	Consent     bool // "Acepto que me contacten": without it, no call, text or CRM export
	By          Actor
}

// AddWalkIn creates a leader with a fresh badge code and checks them in, in
// one transaction. The walk-in counts through that check-in, so undoing it
// uncounts the person like any other check-in.
func (s *Store) AddWalkIn(ctx context.Context, in WalkIn) (CheckInResult, error) {
	leader := NewLeader{Name: in.Name, Institution: in.Institution, Language: in.Language, WalkIn: true,
		Phone: in.Phone, Email: in.Email, Consent: &in.Consent}
	return s.addAndCheckIn(ctx, newLeaderCheckIn{
		kind:   "walkin",
		leader: leader,
		in:     CheckIn{ID: in.ID, Action: in.Action, By: in.By, Source: "walk_in"},
		after: func(tx *sql.Tx, l LeaderRef) error {
			_, err := tx.Exec(`INSERT INTO walkins (client_id, action_id, leader_id, checkin_id, door_id)
				VALUES (?, ?, ?, (SELECT id FROM checkins WHERE client_id = ?), ?)`,
				in.ID, in.Action, l.ID, in.ID, nullID(in.By.Door))
			if err != nil {
				return fmt.Errorf("insert walk-in: %w", err)
			}
			return nil
		},
	})
}

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

// newLeaderCheckIn is a person added to the roster at the moment they are
// checked in: a walk-in at the door, or a name from a paper sheet.
type newLeaderCheckIn struct {
	kind   string // the reply kind: "walkin" or "paper_leader"
	leader NewLeader
	in     CheckIn // ID, Action, By, Source and At; Code is the new badge's
	// after runs in the same transaction once the check-in exists.
	after func(tx *sql.Tx, l LeaderRef) error
}

// addAndCheckIn writes nl: the leader with a fresh badge code and the
// check-in, in one transaction, idempotent by the client id.
func (s *Store) addAndCheckIn(ctx context.Context, nl newLeaderCheckIn) (CheckInResult, error) {
	var res CheckInResult
	if err := checkClientID(nl.in.ID); err != nil {
		return res, err
	}
	if err := nl.leader.check(); err != nil {
		return res, err
	}
	err := s.writeOwn(ctx, false, func(tx *sql.Tx) ([]Event, error) {
		ix, found, err := s.answered(tx, nl.in.ID, nl.kind, nl.in.Action, &res)
		if found || err != nil {
			return nil, err
		}
		return s.insertAndCheckIn(tx, ix, nl, &res)
	})
	if err != nil {
		return CheckInResult{}, fmt.Errorf("%s %s: %w", nl.kind, nl.in.ID, err)
	}
	return res, nil
}

// insertAndCheckIn writes the leader, the check-in and the answer, and only
// then, when nothing can fail any more, tells the index.
func (s *Store) insertAndCheckIn(tx *sql.Tx, ix *index, nl newLeaderCheckIn, res *CheckInResult) ([]Event, error) {
	if err := actionExists(tx, nl.in.Action); err != nil {
		return nil, err
	}
	if _, err := institutionRef(tx, nl.leader.Institution); err != nil {
		return nil, err
	}
	created, err := insertLeader(tx, nl.leader)
	if err != nil {
		return nil, err
	}
	l := ix.leaderRef(LeaderRef{ID: created.ID, Name: created.Name, Code: created.Code, Institution: Ref{ID: created.Institution.ID}})
	at, err := s.checkInTime(tx, nl.in)
	if err != nil {
		return nil, err
	}
	seq := ix.seq + 1
	if err := insertCheckIn(tx, nl.in, l, at, seq); err != nil {
		return nil, err
	}
	if nl.after != nil {
		if err := nl.after(tx, l); err != nil {
			return nil, err
		}
	}
	*res = CheckInResult{Status: StatusCheckedIn, ID: nl.in.ID, Leader: l, At: at}
	if err := saveReply(tx, nl.in.ID, nl.kind, nl.in.Action, res); err != nil {
		return nil, err
	}
	ix.addLeader(l)
	ix.seq = seq
	ix.checkedIn(nl.in.Action, l.ID)
	ix.use(nl.in.ID)
	ev := Event{Kind: "checkin", Action: nl.in.Action, Institution: l.Institution.ID, Leader: l.ID, Delta: 1, At: at,
		Ref: nl.in.ID, Arrived: at}
	return []Event{ev}, nil
}
