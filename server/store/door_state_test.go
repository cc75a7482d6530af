package store

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// testClock is a clock a test moves by hand.
type testClock struct {
	mu sync.Mutex
	at time.Time
}

func (c *testClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.at }

func (c *testClock) add(d time.Duration) { c.mu.Lock(); c.at = c.at.Add(d); c.mu.Unlock() }

// TestDoorStateOneRuleForSilence: the store says which doors are silent, so
// every page calls a door silent at the same moment: when its phone, heard
// from once, has not called in for SilentAfter.
func TestDoorStateOneRuleForSilence(t *testing.T) {
	clock := &testClock{at: time.Date(2026, 12, 12, 19, 0, 0, 0, time.UTC)}
	st, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"), Options{Now: clock.now})
	check(t, err)
	t.Cleanup(func() { st.Close() })
	ctx := context.Background()
	a, err := st.CreateAction(ctx, Action{Name: "Asamblea", Date: "2026-12-12"})
	check(t, err)
	never, _, err := st.CreateDoor(ctx, a.ID, "Puerta de repuesto")
	check(t, err)
	north, _, err := st.CreateDoor(ctx, a.ID, "Puerta norte")
	check(t, err)
	gone, _, err := st.CreateDoor(ctx, a.ID, "Puerta vieja")
	check(t, err)
	check(t, st.DoorContact(ctx, north.ID, 5))
	check(t, st.DoorContact(ctx, gone.ID, 0))
	check(t, st.RevokeDoor(ctx, a.ID, gone.ID))

	steps := []struct {
		after time.Duration
		north string
		quiet int
	}{
		{0, DoorLive, 0},
		{SilentAfter - time.Second, DoorLive, 59},
		{time.Second, DoorSilent, 60},
		{2 * time.Minute, DoorSilent, 180},
	}
	for _, step := range steps {
		clock.add(step.after)
		doors, err := st.Doors(ctx, a.ID)
		check(t, err)
		got := map[int64]Door{}
		for _, d := range doors {
			got[d.ID] = d
		}
		if d := got[north.ID]; d.State != step.north || d.Quiet == nil || *d.Quiet != step.quiet || d.Queued != 5 {
			t.Errorf("after %v more: north door %s, quiet %v s, %d queued; want %s, %d s, 5 queued",
				step.after, d.State, fmtPtr(d.Quiet), d.Queued, step.north, step.quiet)
		}
		if d := got[never.ID]; d.State != DoorUnpaired || d.Quiet != nil {
			t.Errorf("a door never heard from is %s (quiet %v), want %s", d.State, fmtPtr(d.Quiet), DoorUnpaired)
		}
		if d := got[gone.ID]; d.State != DoorRevoked {
			t.Errorf("a revoked door is %s, want %s", d.State, DoorRevoked)
		}
	}
}
