package live

import (
	"encoding/json"
	"testing"
	"time"
)

func sampleChapters() []Chapter {
	return []Chapter{
		{ID: 1, Name: "Durham", Institutions: []Institution{{ID: 10, Name: "San José", Committed: 5, Present: 1}, {ID: 11, Name: "El Puente", Committed: 3}}},
		{ID: 2, Name: "Raleigh", Institutions: []Institution{{ID: 20, Name: "Local 12", Committed: 4, Present: 2}}},
	}
}

func TestLoadSumsAndApplyMovesEveryLevel(t *testing.T) {
	tl := New("epoch-1")
	tl.Load(7, 20, sampleChapters())
	snap, ok := tl.Snapshot(7)
	if !ok || snap.Total != 3 || snap.Committed != 12 || snap.Chapters[0].Present != 1 || snap.Chapters[0].Committed != 8 {
		t.Fatalf("snapshot = %+v, want total 3, committed 12, Durham 1/8", snap)
	}
	sub, start, err := tl.Subscribe(7)
	if err != nil {
		t.Fatal(err)
	}
	if !tl.Apply(7, 11, "checkin", 1, time.Now()) {
		t.Fatal("Apply to a loaded institution reported false")
	}
	var c Change
	if err := json.Unmarshal(next(t, tl, sub), &c); err != nil {
		t.Fatal(err)
	}
	if c.Seq != start.Seq+1 || c.InstitutionPresent != 1 || c.ChapterPresent != 2 || c.Total != 4 || c.Chapter != 1 {
		t.Errorf("change = %+v, want seq %d, institution 1, chapter 2, total 4", c, start.Seq+1)
	}
	if tl.Apply(7, 99, "checkin", 1, time.Now()) || tl.Apply(8, 10, "checkin", 1, time.Now()) {
		t.Error("Apply to an unknown institution or action reported true; the caller would not reload")
	}
}

func TestSnapshotIsACopy(t *testing.T) {
	tl := New("e")
	tl.Load(1, 0, sampleChapters())
	snap, _ := tl.Snapshot(1)
	snap.Chapters[0].Institutions[0].Present = 999
	again, _ := tl.Snapshot(1)
	if again.Chapters[0].Institutions[0].Present != 1 {
		t.Error("changing a snapshot changed the tally")
	}
}

// next takes the subscriber's next message, waiting for it if need be, and
// checks it came alone.
func next(tb testing.TB, tl *Tally, sub *Subscriber) []byte {
	tb.Helper()
	msgs := tl.Take(sub, nil)
	if len(msgs) == 0 {
		select {
		case <-sub.Ready:
		case <-time.After(5 * time.Second):
			tb.Fatal("no message ready")
		}
		msgs = tl.Take(sub, nil)
	}
	if len(msgs) != 1 {
		tb.Fatalf("took %d messages, want 1", len(msgs))
	}
	return msgs[0]
}

// TestBehindSubscriberTakesSnapshotOthersEveryChange: a subscriber that
// keeps up takes every change in order; one behind by more than a snapshot
// weighs takes one snapshot of now instead, and goes on from it. Nobody is
// dropped.
func TestBehindSubscriberTakesSnapshotOthersEveryChange(t *testing.T) {
	tl := New("e")
	tl.Load(1, 0, sampleChapters())
	slow, start, _ := tl.Subscribe(1)
	fast, _, _ := tl.Subscribe(1)
	for i := range LogSize + 5 {
		tl.Apply(1, 10, "checkin", 1, time.Now())
		var c Change
		if json.Unmarshal(next(t, tl, fast), &c); c.Type != "change" || c.Seq != start.Seq+1+int64(i) {
			t.Fatalf("change %d taken = %+v, want change seq %d", i, c, start.Seq+1+int64(i))
		}
	}
	var snap Snapshot
	if msgs := tl.Take(slow, nil); len(msgs) != 1 || json.Unmarshal(msgs[0], &snap) != nil ||
		snap.Type != "snapshot" || snap.Seq != start.Seq+LogSize+5 || snap.Total != 3+LogSize+5 {
		t.Fatalf("far behind took %d messages, first %+v; want one snapshot of now", len(msgs), snap)
	}
	tl.Apply(1, 20, "checkin", 1, time.Now())
	var c Change
	if json.Unmarshal(next(t, tl, slow), &c); c.Seq != snap.Seq+1 || c.Total != snap.Total+1 {
		t.Errorf("after its snapshot: %+v, want the next change", c)
	}
	if tl.Subscribers(1) != 2 {
		t.Errorf("%d subscribers, want both kept", tl.Subscribers(1))
	}
	tl.Unsubscribe(slow)
	tl.Unsubscribe(slow) // twice: must not panic
	if tl.Subscribers(1) != 1 || len(tl.Take(slow, nil)) != 0 {
		t.Error("an unsubscribed subscriber still counted or served")
	}
}

func TestReloadSendsSnapshotWithNextSeq(t *testing.T) {
	tl := New("e")
	tl.Load(1, 0, sampleChapters())
	sub, start, _ := tl.Subscribe(1)
	tl.Load(1, 50, sampleChapters())
	var s Snapshot
	json.Unmarshal(next(t, tl, sub), &s)
	if s.Type != "snapshot" || s.Seq != start.Seq+1 || s.Goal != 50 || s.Epoch != "e" {
		t.Errorf("reload message = %+v, want a snapshot with seq %d and goal 50", s, start.Seq+1)
	}
	if _, _, err := tl.Subscribe(2); err != ErrNotLoaded {
		t.Errorf("Subscribe to an unloaded action: err = %v, want ErrNotLoaded", err)
	}
}
