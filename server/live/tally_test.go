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
	sub, start, err := tl.Subscribe(7, 4)
	if err != nil {
		t.Fatal(err)
	}
	if !tl.Apply(7, 11, "checkin", 1, time.Now()) {
		t.Fatal("Apply to a loaded institution reported false")
	}
	var c Change
	if err := json.Unmarshal(<-sub.C, &c); err != nil {
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

func TestFullSubscriberIsDroppedOthersKeepReceiving(t *testing.T) {
	tl := New("e")
	tl.Load(1, 0, sampleChapters())
	slow, _, _ := tl.Subscribe(1, 2)
	fast, _, _ := tl.Subscribe(1, 100)
	for range 5 {
		tl.Apply(1, 10, "checkin", 1, time.Now())
	}
	n := 0
	for range slow.C {
		n++
	}
	if n != 2 {
		t.Errorf("slow subscriber got %d messages before its channel closed, want its buffer of 2", n)
	}
	if len(fast.C) != 5 || tl.Subscribers(1) != 1 {
		t.Errorf("fast subscriber has %d messages, %d subscribers left; want 5 and 1", len(fast.C), tl.Subscribers(1))
	}
	tl.Unsubscribe(slow) // already dropped: must not panic
	tl.Unsubscribe(fast)
	tl.Unsubscribe(fast)
}

func TestReloadSendsSnapshotWithNextSeq(t *testing.T) {
	tl := New("e")
	tl.Load(1, 0, sampleChapters())
	sub, start, _ := tl.Subscribe(1, 4)
	tl.Load(1, 50, sampleChapters())
	var s Snapshot
	json.Unmarshal(<-sub.C, &s)
	if s.Type != "snapshot" || s.Seq != start.Seq+1 || s.Goal != 50 || s.Epoch != "e" {
		t.Errorf("reload message = %+v, want a snapshot with seq %d and goal 50", s, start.Seq+1)
	}
	if _, _, err := tl.Subscribe(2, 1); err != ErrNotLoaded {
		t.Errorf("Subscribe to an unloaded action: err = %v, want ErrNotLoaded", err)
	}
}
