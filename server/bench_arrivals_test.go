package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"
)

const (
	figArrivals   = "GET /arrivals (projector chart and latest arrivals)"
	arrivalsFew   = 1_000
	arrivalsMany  = 100_000
	arrivalsReads = 1000
)

// benchArrivals reads GET /arrivals from a server holding 100,000
// check-ins and from one holding 1,000, in turn, as a projector does after
// an undo or a reconnect: the answer must cost no more with the many.
func benchArrivals(t *testing.T, rep *benchReport) {
	few, many := arrivalsServer(t, arrivalsFew), arrivalsServer(t, arrivalsMany)
	var fewLat, manyLat benchLatencies
	hc := benchClient(1)
	defer hc.CloseIdleConnections()
	for i := range arrivalsReads { // in turn, each first half the time
		if i%2 == 0 {
			fewLat.Add(few.read(t, hc))
		}
		manyLat.Add(many.read(t, hc))
		if i%2 == 1 {
			fewLat.Add(few.read(t, hc))
		}
	}
	start := time.Now()
	ctx := context.Background()
	_, err := many.ts.Store().Arrivals(ctx, many.f.Action, ArrivalsBucket)
	if err == nil {
		_, err = many.ts.Store().RecentArrivals(ctx, many.f.Action, recentArrivals, recentInstitutions)
	}
	if err != nil {
		t.Fatal(err)
	}
	sql := time.Since(start)
	p := func(l *benchLatencies, q float64) float64 { return benchMs(l.Quantile(q)) }
	rep.Add(
		benchFigure(figArrivals, "p50 at 100,000 check-ins", "ms", p(&manyLat, 0.5)).Against(p(&fewLat, 0.5)).RatioAtMost(1).
			Noted("baseline: the same request to a server holding 1,000 check-ins, read in turn with it, each first half the time, %d times each; the database's own answer at 100,000 check-ins, which the handler gave before, takes %.1f ms",
				arrivalsReads, benchMs(sql)),
		benchFigure(figArrivals, "p99 at 100,000 check-ins", "ms", p(&manyLat, 0.99)).Against(p(&fewLat, 0.99)),
	)
}

// arrivalsWorld is a server whose action holds n check-ins, scanned evenly
// over the same three hours whatever n is.
type arrivalsWorld struct {
	ts *testServer
	f  fixture
}

func arrivalsServer(t *testing.T, n int) arrivalsWorld {
	dir := t.TempDir()
	ts := startTestServer(t, dir)
	f := ts.seed(t)
	benchLeaders(t, ts.Store().Path(), institutionIDs(f), n, f.Action)
	db := benchDB(t, ts.Store().Path())
	_, err := db.Exec(`UPDATE checkins SET scanned_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', -(id * 10800 / ?) || ' seconds')`, n)
	if err != nil {
		t.Fatal(err)
	}
	ts.stop(t)
	return arrivalsWorld{ts: startTestServer(t, dir), f: f}
}

// read times one GET /arrivals with the projector's display token.
func (w arrivalsWorld) read(t *testing.T, hc *http.Client) time.Duration {
	req, _ := http.NewRequest(http.MethodGet, fmt.Sprintf("%s/api/actions/%d/arrivals", w.ts.URL, w.f.Action), nil)
	req.Header.Set("Authorization", "Bearer "+w.f.Display)
	start := time.Now()
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body arrivalsBody
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != http.StatusOK || len(body.Buckets) == 0 {
		t.Fatalf("arrivals = %d %+v: %v", resp.StatusCode, body, err)
	}
	return time.Since(start)
}
