package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
)

// sendRoster applies every record of from's roster outbox to to.
func sendRoster(tb testing.TB, from, to *Store) {
	tb.Helper()
	ctx := context.Background()
	after, err := from.RosterPublished(ctx)
	check(tb, err)
	entries, err := from.RosterOutbox(ctx, after, 100000)
	check(tb, err)
	var rs []RosterRecord
	for _, e := range entries {
		if !e.Gone {
			rs = append(rs, e.Record)
		}
	}
	for _, err := range to.ApplyRoster(ctx, rs) {
		check(tb, err)
	}
	if len(entries) > 0 {
		check(tb, from.SetRosterPublished(ctx, entries[len(entries)-1].Seq))
	}
}

func TestRosterFlowsDownToAnEmptyVenue(t *testing.T) {
	hub := newWorld(t)
	ctx := context.Background()
	check(t, hub.st.SetSelf(ctx, "hub", ""))
	_, doorToken, err := hub.st.CreateDoor(ctx, hub.action, "Puerta este")
	check(t, err)
	venue, err := Open(ctx, filepath.Join(t.TempDir(), "venue.db"), Options{})
	check(t, err)
	defer venue.Close()
	check(t, venue.SetSelf(ctx, "durham", "hub"))
	sendRoster(t, hub.st, venue)

	door, err := venue.DoorByToken(ctx, doorToken)
	check(t, err)
	res, err := venue.CheckIn(ctx, CheckIn{ID: "venue-scan-9", Action: door.Action, Code: hub.codes[1][1], By: Actor{Door: door.ID}})
	check(t, err)
	if res.Status != StatusCheckedIn || res.Leader.Institution.Name != "Sindicato Local 12" {
		t.Fatalf("check-in at the venue = %+v", res)
	}
	counts, err := venue.Counts(ctx, door.Action)
	check(t, err)
	if len(counts) != 2 || counts[0].Committed+counts[1].Committed != 9 {
		t.Errorf("venue counts = %+v, want both institutions with their commitments (6 and 3)", counts)
	}

	check(t, hub.st.UpdateInstitution(ctx, hub.inst[1], hub.chapter, "Sindicato Local 12 (SEIU)", "union"))
	var leader int64
	check(t, hub.st.read.QueryRow(`SELECT leader_id FROM badge_codes WHERE code = ?`, hub.codes[1][1]).Scan(&leader))
	newCode, err := hub.st.ReissueCode(ctx, leader)
	check(t, err)
	sendRoster(t, hub.st, venue)
	if _, err := venue.CheckIn(ctx, CheckIn{ID: "venue-scan-10", Action: door.Action, Code: hub.codes[1][1]}); !errors.Is(err, ErrRevokedBadge) {
		t.Errorf("the reissued badge's old code at the venue: %v, want revoked", err)
	}
	res, err = venue.CheckIn(ctx, CheckIn{ID: "venue-scan-11", Action: door.Action, Code: newCode})
	check(t, err)
	if res.Status != StatusAlready || res.Leader.Institution.Name != "Sindicato Local 12 (SEIU)" {
		t.Errorf("new code at the venue = %+v, want already checked in, at the renamed institution", res)
	}
}

func TestRosterDeletionsFlowDown(t *testing.T) {
	hub := newWorld(t)
	ctx := context.Background()
	check(t, hub.st.SetSelf(ctx, "hub", ""))
	extra, err := hub.st.CreateInstitution(ctx, hub.chapter, "Escuela Nueva", "school")
	check(t, err)
	venue, err := Open(ctx, filepath.Join(t.TempDir(), "venue.db"), Options{})
	check(t, err)
	defer venue.Close()
	check(t, venue.SetSelf(ctx, "durham", "hub"))
	sendRoster(t, hub.st, venue)
	var gone, kept int64
	check(t, hub.st.read.QueryRow(`SELECT leader_id FROM badge_codes WHERE code = ?`, hub.codes[0][2]).Scan(&gone))
	check(t, hub.st.read.QueryRow(`SELECT leader_id FROM badge_codes WHERE code = ?`, hub.codes[0][3]).Scan(&kept))
	_, err = venue.CheckIn(ctx, CheckIn{ID: "venue-scan-12", Action: hub.action, Code: hub.codes[0][3]})
	check(t, err)
	check(t, hub.st.DeleteLeader(ctx, gone))
	check(t, hub.st.DeleteLeader(ctx, kept)) // never checked in at the hub; it was at the venue
	check(t, hub.st.DeleteInstitution(ctx, extra.ID))
	sendRoster(t, hub.st, venue)
	var leaders, insts int
	check(t, venue.read.QueryRow(`SELECT (SELECT count(*) FROM leaders), (SELECT count(*) FROM institutions)`).Scan(&leaders, &insts))
	if leaders != 7 || insts != 2 {
		t.Errorf("venue has %d leaders and %d institutions, want 7 (one deleted, one kept: checked in here) and 2", leaders, insts)
	}
}
