package server

import (
	"fmt"
	"net/http"
	"testing"
	"time"
)

// arrivalsBody is the answer of GET /arrivals.
type arrivalsBody struct {
	BucketSeconds int `json:"bucket_seconds"`
	Buckets       []struct {
		At    time.Time
		Count int
	}
	Recent []struct {
		Institution struct{ Name string }
		Count       int
	}
}

func TestProjectorArrivalsPerFiveMinutes(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	now := time.Now().UTC()
	codes := f.Codes["Iglesia San José"]
	times := []time.Time{now.Add(-31 * time.Minute), now.Add(-30 * time.Minute), now.Add(-12 * time.Minute), now}
	want := map[int64]int{}
	for i, at := range times {
		st, b := ts.call(t, "POST", a+"/checkins", f.Door, map[string]any{"id": fmt.Sprintf("arr-%05d", i), "code": codes[i], "at": at})
		if st != http.StatusCreated {
			t.Fatalf("check in = %d %s", st, b)
		}
		want[at.Unix()/300*300]++
	}
	if st, b := ts.call(t, "POST", a+"/checkins/arr-00002/undo", f.Door, nil); st != 200 {
		t.Fatalf("undo = %d %s", st, b)
	}
	want[times[2].Unix()/300*300]--
	st, b := ts.call(t, "POST", a+"/headcounts", f.Door, map[string]any{"id": "arr-hc-001",
		"institution": f.Institutions["Centro El Puente"], "count": 40})
	if st != http.StatusCreated {
		t.Fatalf("headcount = %d %s", st, b)
	}
	got := readArrivals(t, ts, f)
	// The headcount is counted when it was recorded, just now: the last
	// bucket, whichever five minutes that turned out to be.
	want[got.Buckets[len(got.Buckets)-1].At.Unix()] += 40
	for _, bk := range got.Buckets {
		if w := want[bk.At.Unix()]; bk.Count != w || bk.At.Unix()%300 != 0 {
			t.Errorf("bucket %v = %d, want %d on a five-minute boundary", bk.At, bk.Count, w)
		}
	}
	if r := got.Recent; len(r) != 2 || r[0].Institution.Name != "Centro El Puente" || r[0].Count != 40 || r[1].Count != 3 {
		t.Errorf("recent arrivals = %+v, want Centro El Puente 40, then Iglesia San José 3", r)
	}
}

func readArrivals(t *testing.T, ts *testServer, f fixture) arrivalsBody {
	t.Helper()
	st, b := ts.call(t, "GET", fmt.Sprintf("/api/actions/%d/arrivals", f.Action), f.Display, nil)
	if st != 200 {
		t.Fatalf("arrivals = %d %s", st, b)
	}
	got := decodeJSON[arrivalsBody](t, b)
	if got.BucketSeconds != 300 || len(got.Buckets) == 0 {
		t.Fatalf("arrivals = %s, want five-minute buckets", b)
	}
	return got
}
