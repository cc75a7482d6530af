package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// MaxHeadcount bounds one headcount: a bus or a hall section, not a typo of
// a phone number.
const MaxHeadcount = 5000

// Headcount asks for a delegation counted in bulk at the door.
type Headcount struct {
	ID          string
	Action      int64
	Institution int64
	Count       int
	Note        string
	By          Actor
}

// HeadcountResult is the answer to a headcount.
type HeadcountResult struct {
	Status      string    `json:"status"` // StatusRecorded
	ID          string    `json:"id"`
	Institution Ref       `json:"institution"`
	Count       int       `json:"count"`
	At          time.Time `json:"at"`
	Replayed    bool      `json:"replayed,omitempty"`
}

func (r *HeadcountResult) markReplayed() { r.Replayed = true }

// AddHeadcount records a bulk count for an institution at an action.
func (s *Store) AddHeadcount(ctx context.Context, in Headcount) (HeadcountResult, error) {
	var res HeadcountResult
	if err := checkHeadcount(in); err != nil {
		return res, err
	}
	err := s.writeOwn(ctx, false, func(tx *sql.Tx) ([]Event, error) {
		ix, found, err := s.answered(tx, in.ID, "headcount", in.Action, &res)
		if found || err != nil {
			return nil, err
		}
		if err := doorMayCount(tx, in); err != nil {
			return nil, err
		}
		return s.insertHeadcount(tx, ix, in, &res)
	})
	if err != nil {
		return HeadcountResult{}, fmt.Errorf("headcount %s: %w", in.ID, err)
	}
	return res, nil
}

// doorMayCount refuses a door's headcount above the action's maximum.
func doorMayCount(tx *sql.Tx, in Headcount) error {
	if in.By.Door == 0 {
		return nil
	}
	most, err := headcountMax(tx, in.Action)
	if err != nil {
		return err
	}
	if in.Count > most {
		return ErrHeadcountNeedsOrganizer
	}
	return nil
}

// insertHeadcount writes the headcount and its answer, then takes its id.
func (s *Store) insertHeadcount(tx *sql.Tx, ix *index, in Headcount, res *HeadcountResult) ([]Event, error) {
	inst, err := institutionRef(tx, in.Institution)
	if err != nil {
		return nil, err
	}
	*res = HeadcountResult{Status: StatusRecorded, ID: in.ID, Institution: inst, Count: in.Count, At: s.stamp()}
	_, err = tx.Exec(`INSERT INTO headcounts (client_id, action_id, institution_id, count, note, door_id, organizer_id, recorded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, in.ID, in.Action, in.Institution, in.Count, in.Note,
		nullID(in.By.Door), nullID(in.By.Organizer), formatTime(res.At))
	if err != nil {
		return nil, fmt.Errorf("insert headcount: %w", err)
	}
	if err := saveReply(tx, in.ID, "headcount", in.Action, res); err != nil {
		return nil, err
	}
	ix.use(in.ID)
	return []Event{{Kind: "headcount", Action: in.Action, Institution: in.Institution, Delta: in.Count, At: res.At,
		Ref: in.ID, Arrived: res.At}}, nil
}

func checkHeadcount(in Headcount) error {
	if err := checkClientID(in.ID); err != nil {
		return err
	}
	if in.Count < 1 || in.Count > MaxHeadcount {
		return invalid("count", fmt.Sprintf("must be 1 to %d", MaxHeadcount))
	}
	if len(in.Note) > 500 || strings.ContainsRune(in.Note, 0) {
		return invalid("note", "too long")
	}
	return nil
}
