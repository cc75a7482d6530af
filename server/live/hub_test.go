package live

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
)

// TestJoinStartsFromTheSharedSnapshot: a subscriber that joins is ready at
// once with a snapshot of now, the very message every other joiner at that
// seq takes, and goes on with the changes after it.
func TestJoinStartsFromTheSharedSnapshot(t *testing.T) {
	tl := New("e")
	tl.Load(1, 0, sampleChapters())
	tl.Apply(1, 10, "checkin", 1, time.Now())
	a, err := tl.Join(1, make(chan struct{}, 1))
	if err != nil {
		t.Fatal(err)
	}
	signalled := make(chan struct{}, 1)
	signalled <- struct{}{} // by its caller, for a reason of its own: Join must not wait
	b, _ := tl.Join(1, signalled)
	select {
	case <-a.Ready:
	default:
		t.Fatal("a subscriber that joined is not ready")
	}
	first := tl.Take(a, nil)
	var snap Snapshot
	if len(first) != 1 || json.Unmarshal(first[0], &snap) != nil || snap.Type != "snapshot" || snap.Total != 4 {
		t.Fatalf("first Take = %d messages, %+v; want one snapshot with total 4", len(first), snap)
	}
	if other := tl.Take(b, nil); len(other) != 1 || !bytes.Equal(other[0], first[0]) {
		t.Errorf("another joiner at the same seq took %q, want %q", other, first[0])
	}
	tl.Apply(1, 20, "checkin", 1, time.Now())
	var c Change
	if json.Unmarshal(next(t, tl, a), &c); c.Seq != snap.Seq+1 || c.Total != 5 {
		t.Errorf("after the snapshot: %+v, want the change with seq %d", c, snap.Seq+1)
	}
	if _, err := tl.Join(2, make(chan struct{}, 1)); err != ErrNotLoaded {
		t.Errorf("Join an unloaded action: err = %v, want ErrNotLoaded", err)
	}
}
