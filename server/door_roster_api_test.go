package server

import (
	"context"
	"fmt"
	"testing"

	"presente/server/store"
)

// rosterAnswer is the door's roster as the server sends it, but the leaders.
type rosterAnswer struct {
	Leaders      []store.RosterEntry
	Version      string
	HeadcountMax int `json:"headcount_max"`
}

// TestDoorRosterVersionAndLimit: the door's roster carries the action's
// headcount limit and a version; the feed carries the version too, and it
// changes when a leader is added or the limit is, so a phone knows to read
// its roster again.
func TestDoorRosterVersionAndLimit(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	roster := func() rosterAnswer {
		_, body := ts.call(t, "GET", a+"/roster", f.Door, nil)
		return decodeJSON[rosterAnswer](t, body)
	}
	feedVersion := func() string {
		_, body := ts.call(t, "GET", a+"/door/feed?since=0", f.Door, nil)
		return decodeJSON[struct{ Roster string }](t, body).Roster
	}
	first := roster()
	if first.HeadcountMax != store.DefaultHeadcountMax || first.Version == "" || len(first.Leaders) != 12 {
		t.Fatalf("roster = limit %d, version %q, %d leaders; want %d, a version, 12", first.HeadcountMax,
			first.Version, len(first.Leaders), store.DefaultHeadcountMax)
	}
	if got := feedVersion(); got != first.Version {
		t.Errorf("feed's roster version = %q, want the roster's %q", got, first.Version)
	}
	ctx := context.Background()
	if _, err := ts.Store().AddLeaders(ctx, []store.NewLeader{{Name: "Ana Nueva", Institution: f.Institutions["Centro El Puente"]}}); err != nil {
		t.Fatalf("AddLeaders: %v", err)
	}
	added := feedVersion()
	if added == first.Version {
		t.Errorf("feed's roster version %q unchanged after a leader was added", added)
	}
	if _, err := ts.Store().UpdateAction(ctx, store.Action{ID: f.Action, Name: "Asamblea", Date: "2026-12-12", HeadcountMax: 80}); err != nil {
		t.Fatalf("UpdateAction: %v", err)
	}
	if got := roster(); got.HeadcountMax != 80 || got.Version == added || got.Version != feedVersion() {
		t.Errorf("after the limit changed: roster limit %d version %q, feed %q; want 80 and a new version in both",
			got.HeadcountMax, got.Version, feedVersion())
	}
}
