package live

import (
	"fmt"
	"reflect"
	"testing"
	"time"
)

func TestArrivalsFollowChanges(t *testing.T) {
	tl := New("e")
	tl.Load(1, 0, sampleChapters())
	if _, _, ok := tl.Arrivals(1, 5*time.Minute, 30, 6); ok {
		t.Fatal("arrivals answered before they were loaded")
	}
	t0 := time.Date(2026, 12, 12, 10, 0, 0, 0, time.UTC)
	tl.LoadArrivals(1, map[time.Time]int{t0: 1, t0.Add(6 * time.Minute): 2},
		[]Arrival{{"a", 10, 1, t0, ""}, {"b", 20, 1, t0.Add(6 * time.Minute), ""}, {"c", 20, 1, t0.Add(6 * time.Minute), ""}}, true)
	tl.Record(1, 11, "headcount", 40, 0, t0, Arrival{Ref: "h", At: t0.Add(7 * time.Minute)})
	tl.Record(1, 20, "undo", -1, 0, t0, Arrival{Ref: "b", At: t0.Add(6 * time.Minute)})
	tl.Record(1, 10, "checkin", 1, 0, t0, Arrival{Ref: "d", At: t0.Add(-time.Minute)}) // scanned offline, earlier
	buckets, recent, ok := tl.Arrivals(1, 5*time.Minute, 30, 2)
	want := []Bucket{{t0.Add(-5 * time.Minute), 1}, {t0, 1}, {t0.Add(5 * time.Minute), 41}}
	if !ok || !reflect.DeepEqual(buckets, want) {
		t.Errorf("buckets = %v, want %v", buckets, want)
	}
	if len(recent) != 2 || recent[0].Institution.Name != "El Puente" || recent[0].Count != 40 ||
		recent[1].Institution.ID != 20 || recent[1].Count != 1 {
		t.Errorf("recent = %+v, want El Puente 40, then Local 12 1", recent)
	}
}

// TestLatestArrivalsAskForMoreWhenUndosThinThem: the board keeps the latest
// RecentKeep arrivals; an offline scan older than all of them stays out, and
// undos that leave too few ask the caller to load them again.
func TestLatestArrivalsAskForMoreWhenUndosThinThem(t *testing.T) {
	tl := New("e")
	tl.Load(1, 0, sampleChapters())
	t0 := time.Date(2026, 12, 12, 10, 0, 0, 0, time.UTC)
	var latest []Arrival
	for i := range RecentKeep {
		latest = append(latest, Arrival{fmt.Sprint(i), 10, 1, t0.Add(time.Duration(i) * time.Second), ""})
	}
	tl.LoadArrivals(1, map[time.Time]int{t0: RecentKeep}, latest, false)
	tl.Record(1, 20, "checkin", 1, 0, t0, Arrival{Ref: "old", At: t0.Add(-time.Hour)})
	if _, recent, _ := tl.Arrivals(1, time.Minute, 60, 10); len(recent) != 1 || recent[0].Institution.ID != 10 {
		t.Errorf("recent = %+v; an arrival older than every one kept came in", recent)
	}
	for i := range RecentKeep/2 + 1 {
		tl.Record(1, 10, "undo", -1, 0, t0, Arrival{Ref: fmt.Sprint(RecentKeep - 1 - i), At: latest[RecentKeep-1-i].At})
		if short := tl.ArrivalsShort(1); short != (i == RecentKeep/2) {
			t.Fatalf("after %d undos short = %v", i+1, short)
		}
	}
}

// TestHallArrivalsFollowOnlyTheirVenue: at a venue's node the board keeps
// its own hall's arrivals beside the whole action's: an arrival named for
// another venue moves the whole only.
func TestHallArrivalsFollowOnlyTheirVenue(t *testing.T) {
	tl := New("e")
	tl.Load(1, 0, sampleChapters())
	t0 := time.Date(2026, 12, 12, 10, 0, 0, 0, time.UTC)
	tl.LoadArrivals(1, map[time.Time]int{t0: 2}, []Arrival{{Ref: "a", Institution: 10, Count: 1, At: t0},
		{Ref: "b", Institution: 20, Count: 1, At: t0}}, true)
	if _, _, ok := tl.HallArrivals(1, "durham", 5*time.Minute, 30, 6); ok {
		t.Fatal("the hall's arrivals answered before they were loaded")
	}
	tl.LoadHallArrivals(1, "durham", map[time.Time]int{t0: 1}, []Arrival{{Ref: "a", Institution: 10, Count: 1, At: t0}}, true)
	tl.Record(1, 20, "checkin", 1, 0, t0, Arrival{Ref: "c", At: t0.Add(time.Minute), Venue: "raleigh"})
	tl.Record(1, 11, "headcount", 40, 0, t0, Arrival{Ref: "h", At: t0.Add(6 * time.Minute), Venue: "durham"})
	whole, _, _ := tl.Arrivals(1, 5*time.Minute, 30, 6)
	hall, recent, ok := tl.HallArrivals(1, "durham", 5*time.Minute, 30, 6)
	if want := []Bucket{{t0, 3}, {t0.Add(5 * time.Minute), 40}}; !reflect.DeepEqual(whole, want) {
		t.Errorf("the whole's buckets = %v, want %v", whole, want)
	}
	if want := []Bucket{{t0, 1}, {t0.Add(5 * time.Minute), 40}}; !ok || !reflect.DeepEqual(hall, want) {
		t.Errorf("durham's buckets = %v, want %v", hall, want)
	}
	if len(recent) != 2 || recent[0].Count != 40 || recent[1].Institution.ID != 10 {
		t.Errorf("durham's recent = %+v, want El Puente 40, then 10's 1", recent)
	}
	if _, _, ok := tl.HallArrivals(1, "raleigh", 5*time.Minute, 30, 6); ok {
		t.Error("another venue's hall answered at durham's node")
	}
}
