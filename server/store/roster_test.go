package store

import (
	"context"
	"encoding/json"
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

// emptyVenue is a store in a folder of its own, joined to the hub as
// durham and holding nothing yet.
func emptyVenue(tb testing.TB) *Store {
	tb.Helper()
	venue, err := Open(context.Background(), filepath.Join(tb.TempDir(), "venue.db"), Options{})
	check(tb, err)
	tb.Cleanup(func() { venue.Close() })
	check(tb, venue.SetSelf(context.Background(), "durham", "hub"))
	return venue
}

func TestRosterFlowsDownToAnEmptyVenue(t *testing.T) {
	hub := newWorld(t)
	ctx := context.Background()
	check(t, hub.st.SetSelf(ctx, "hub", ""))
	_, doorToken, err := hub.st.CreateDoor(ctx, hub.action, "Puerta este")
	check(t, err)
	venue := emptyVenue(t)
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
	venue := emptyVenue(t)
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

// TestFollowUpFieldsFlowDown: what follow-up added to the roster (a
// leader's consent and CRM id, an institution's contact, an action's text
// messages and needs) reaches a venue and, through it, its standby; and a
// walk-in who did not tick consent at the venue has none at the hub.
func TestFollowUpFieldsFlowDown(t *testing.T) {
	hub := newWorld(t)
	ctx := context.Background()
	check(t, hub.st.SetSelf(ctx, "hub", ""))
	var leader int64
	check(t, hub.st.read.QueryRow(`SELECT leader_id FROM badge_codes WHERE code = ?`, hub.codes[0][1]).Scan(&leader))
	no := false
	check(t, hub.st.UpdateLeader(ctx, leader, NewLeader{Name: "Ana Ruiz", Institution: hub.inst[0], Language: "es", Consent: &no}))
	if _, err := hub.st.writeDB.Exec(`UPDATE leaders SET external_id = 'van:123' WHERE id = ?`, leader); err != nil {
		t.Fatal(err)
	}
	check(t, hub.st.SetContact(ctx, hub.inst[1], Contact{Name: "Rosa", Phone: "+19195550100"}))
	check(t, hub.st.SetMessages(ctx, hub.action, Messages{ES: "¡Te esperamos!", EN: "We are waiting for you!"}))
	check(t, hub.st.SetNeeds(ctx, hub.action, []string{"Audífonos", "Cuidado de niños"}))
	venue, standby := emptyNode(t, "durham", "hub"), emptyNode(t, "durham-standby", "durham")
	records := rosterRecords(t, hub.st)
	for _, to := range []*Store{venue, standby} { // the standby's ROSTER sources the venue's, record for record
		for _, err := range to.ApplyRoster(ctx, records) {
			check(t, err)
		}
	}
	for name, st := range map[string]*Store{"venue": venue, "standby": standby} {
		var got struct {
			consent                             bool
			external, contact, phone, sms, need string
		}
		check(t, st.read.QueryRow(`SELECT l.consent, l.external_id, i.contact_name, i.contact_phone, a.sms_es,
			coalesce((SELECT group_concat(name, '|') FROM (SELECT name FROM action_needs ORDER BY position)), '')
			FROM leaders l, institutions i, actions a WHERE l.code = ? AND i.name = 'Sindicato Local 12'`, hub.codes[0][1]).
			Scan(&got.consent, &got.external, &got.contact, &got.phone, &got.sms, &got.need))
		if got.consent || got.external != "van:123" || got.contact != "Rosa" || got.phone != "+19195550100" ||
			got.sms != "¡Te esperamos!" || got.need != "Audífonos|Cuidado de niños" {
			t.Errorf("%s has %+v, want the hub's follow-up fields", name, got)
		}
	}
	_, err := venue.AddWalkIn(ctx, WalkIn{ID: "walkin-no-consent", Action: actionAt(t, venue), Name: "Sin Permiso",
		Institution: institutionAt(t, venue, "Iglesia San José"), Language: "es"})
	check(t, err)
	send(t, venue, hub.st)
	var consent bool
	check(t, hub.st.read.QueryRow(`SELECT consent FROM leaders WHERE name = 'Sin Permiso'`).Scan(&consent))
	if consent {
		t.Error("a walk-in who did not tick consent at the venue has consent at the hub")
	}
}

// emptyNode opens an empty store that names itself name, below parent.
func emptyNode(tb testing.TB, name, parent string) *Store {
	tb.Helper()
	st, err := Open(context.Background(), filepath.Join(tb.TempDir(), name+".db"), Options{})
	check(tb, err)
	tb.Cleanup(func() { st.Close() })
	check(tb, st.SetSelf(context.Background(), name, parent))
	return st
}

// rosterRecords is every record of from's roster outbox, as they now are.
func rosterRecords(tb testing.TB, from *Store) []RosterRecord {
	tb.Helper()
	entries, err := from.RosterOutbox(context.Background(), 0, 100000)
	check(tb, err)
	var rs []RosterRecord
	for _, e := range entries {
		if !e.Gone {
			rs = append(rs, e.Record)
		}
	}
	return rs
}

func actionAt(tb testing.TB, st *Store) int64 {
	tb.Helper()
	var id int64
	check(tb, st.read.QueryRow(`SELECT id FROM actions WHERE name = 'Asamblea'`).Scan(&id))
	return id
}

func institutionAt(tb testing.TB, st *Store, name string) int64 {
	tb.Helper()
	var id int64
	check(tb, st.read.QueryRow(`SELECT id FROM institutions WHERE name = ?`, name).Scan(&id))
	return id
}

func TestVenueSharesFlowDown(t *testing.T) {
	n := newNetwork(t)
	ctx := context.Background()
	check(t, n.hub.st.SetVenueShare(ctx, n.hub.action, "durham", 400))
	check(t, n.hub.st.SetVenueShare(ctx, n.hub.action, "raleigh", 250))
	n.exchange(t)
	shares := func(st *Store) map[string]int {
		vs, err := st.VenueCounts(ctx, n.hub.action)
		check(t, err)
		out := map[string]int{}
		for _, v := range vs {
			if v.Share > 0 {
				out[v.Venue] = v.Share
			}
		}
		return out
	}
	for node, st := range n.nodes() {
		if got := shares(st); len(got) != 2 || got["durham"] != 400 || got["raleigh"] != 250 {
			t.Errorf("%s: shares = %v, want durham 400, raleigh 250", node, got)
		}
	}
	check(t, n.hub.st.SetVenueShare(ctx, n.hub.action, "raleigh", 0))
	check(t, n.hub.st.SetVenueShare(ctx, n.hub.action, "durham", 450))
	n.exchange(t)
	for node, st := range n.nodes() {
		if got := shares(st); len(got) != 1 || got["durham"] != 450 {
			t.Errorf("%s: shares = %v, want durham 450 only", node, got)
		}
	}
}

// TestGivenNameFlowsDown: the given names a leader was imported with at
// the hub reach the venue with the leader's record, as it travels (JSON),
// and a change of name that drops them drops them there too; a record from
// a hub that knew no given names applies, with none.
func TestGivenNameFlowsDown(t *testing.T) {
	hub := newWorld(t)
	ctx := context.Background()
	check(t, hub.st.SetSelf(ctx, "hub", ""))
	importRoster(t, hub, "first_name,last_name,institution\nMaría José,Núñez,Iglesia San José\n")
	venue, old := emptyVenue(t), emptyNode(t, "raleigh", "hub")
	for _, err := range venue.ApplyRoster(ctx, travelled(t, rosterRecords(t, hub.st), "")) {
		check(t, err)
	}
	for _, err := range old.ApplyRoster(ctx, travelled(t, rosterRecords(t, hub.st), "GivenName")) {
		check(t, err)
	}
	if got := givenName(t, venue, "María José Núñez"); got != "María José" {
		t.Errorf("venue: given name %q, want María José", got)
	}
	if got := givenName(t, old, "María José Núñez"); got != "" {
		t.Errorf("a record without a given name applied with %q", got)
	}

	var id int64
	check(t, hub.st.read.QueryRow(`SELECT id FROM leaders WHERE name = 'María José Núñez'`).Scan(&id))
	check(t, hub.st.UpdateLeader(ctx, id, NewLeader{Name: "José Núñez", Institution: hub.inst[0]}))
	sendRoster(t, hub.st, venue)
	if got := givenName(t, venue, "José Núñez"); got != "" {
		t.Errorf("venue after a rename at the hub: given name %q, want none", got)
	}
}

// travelled is records encoded and decoded as they travel between nodes,
// with the leaders' field drop (if any) taken out, as an older node sends.
func travelled(tb testing.TB, records []RosterRecord, drop string) []RosterRecord {
	tb.Helper()
	out := make([]RosterRecord, len(records))
	for i, r := range records {
		var m map[string]any
		b, err := json.Marshal(r)
		check(tb, err)
		check(tb, json.Unmarshal(b, &m))
		if l, ok := m["leader"].(map[string]any); ok {
			delete(l, drop)
		}
		if b, err = json.Marshal(m); err != nil {
			tb.Fatal(err)
		}
		check(tb, json.Unmarshal(b, &out[i]))
	}
	return out
}
