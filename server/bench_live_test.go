package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"presente/server/live"
)

const (
	figLive      = "scan → dashboard (1,000 dashboards, 20 scans/s, 10 s)"
	liveDashes   = 1000
	liveChanges  = 200
	liveEvery    = 50 * time.Millisecond
	liveSettling = 60 * time.Second
)

// benchLive measures, for each scan, the time from its POST to the last of
// 1,000 dashboards receiving the change, against a bare broadcast of a
// message of the same size to as many connections.
func benchLive(t *testing.T, rep *benchReport) {
	bare := bareLatencies(t, liveDashes, liveChanges, liveEvery)
	pres := presenteLatencies(t, liveDashes, liveChanges, liveEvery)
	rep.Add(
		benchFigure(figLive, "p50", "ms", benchMs(benchQuantile(pres.lats, 0.5))).
			Against(benchMs(benchQuantile(bare.lats, 0.5))),
		benchFigure(figLive, "p99", "ms", benchMs(benchQuantile(pres.lats, 0.99))).
			Against(benchMs(benchQuantile(bare.lats, 0.99))).AtMost(25).RatioAtMost(1.5).
			Holds("every dashboard ends equal to the database", pres.agree == liveDashes && pres.missing == 0).
			Noted("baseline: bare broadcast (net/http + coder/websocket) of %d-byte messages; %d of %d dashboards equal the database; %d changes missed, %d gaps (bare: %d missed)",
				changeSize(), pres.agree, liveDashes, pres.missing, pres.gaps, bare.missing),
	)
}

// liveRun is what one live run measured.
type liveRun struct {
	lats           []time.Duration
	missing, agree int
	gaps           int64
}

// bareLatencies runs the baseline in this process.
func bareLatencies(t *testing.T, dashes, changes int, every time.Duration) liveRun {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	b := startBare(ln, changeSize())
	defer b.Close()
	fl := dialFleet(t, "ws"+strings.TrimPrefix(b.URL, "http")+"/live", dashes, changes)
	defer fl.close()
	return publishBare(t, fl, b.URL, changes, every)
}

// publishBare has a bare server publish changes, paced, and waits for the
// dashboards to have them all.
func publishBare(t *testing.T, fl *fleet, base string, changes int, every time.Duration) liveRun {
	hc := benchClient(1)
	sent, err := paced(changes, every, func(int) error {
		if status := benchPost(hc, base+"/publish", "", nil); status != http.StatusNoContent {
			return fmt.Errorf("publish = %d", status)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	fl.await(int64(changes), 1, liveSettling)
	var run liveRun
	run.lats, run.missing = fl.latencies(sent)
	run.gaps = fl.gaps()
	return run
}

// presenteLatencies runs the real server in this process, with dashboards
// on the projector's display token and scans posted by a door.
func presenteLatencies(t *testing.T, dashes, changes int, every time.Duration) liveRun {
	ts := startTestServerWith(t, roomyConfig())
	f := ts.seed(t)
	codes := benchLeaders(t, ts.Store().Path(), institutionIDs(f), changes, 0)
	url := fmt.Sprintf("ws%s/api/actions/%d/live?token=%s", strings.TrimPrefix(ts.URL, "http"), f.Action, f.Display)
	fl := dialFleet(t, url, dashes, changes)
	defer fl.close()
	run := scanAndWait(t, fl, ts.URL, f.Action, f.Door, codes, every)
	total, present := countsOf(t, ts, f.Action)
	run.agree = fl.agree(total, present)
	return run
}

// scanAndWait posts one check-in per code, paced, and waits for the
// dashboards to have them all.
func scanAndWait(t *testing.T, fl *fleet, base string, action int64, door string, codes []string, every time.Duration) liveRun {
	hc := benchClient(1)
	defer hc.CloseIdleConnections()
	url := fmt.Sprintf("%s/api/actions/%d/checkins", base, action)
	sent, err := paced(len(codes), every, func(i int) error {
		body := fmt.Appendf(nil, `{"id":%q,"code":%q}`, benchUUID(), codes[i])
		if status := benchPost(hc, url, door, body); status != http.StatusCreated {
			return fmt.Errorf("check-in = %d", status)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	fl.await(int64(len(codes)), 1, liveSettling)
	var run liveRun
	run.lats, run.missing = fl.latencies(sent)
	run.gaps = fl.gaps()
	return run
}

// countsOf is what the database holds: the total and each institution's count.
func countsOf(t *testing.T, ts *testServer, action int64) (int, map[int64]int) {
	counts, err := ts.Store().Counts(context.Background(), action)
	if err != nil {
		t.Fatal(err)
	}
	total, present := 0, map[int64]int{}
	for _, c := range counts {
		present[c.Institution.ID] = c.CheckedIn + c.Headcount
		total += c.CheckedIn + c.Headcount
	}
	return total, present
}

// changeSize is the size of one of Presente's change messages, which the
// bare broadcast copies.
func changeSize() int {
	b, _ := json.Marshal(live.Change{Type: "change", Seq: 1234, Action: 1, Kind: "checkin", Institution: 17,
		Chapter: 3, Delta: 1, InstitutionPresent: 48, ChapterPresent: 311, Total: 2875, At: time.Now().UTC()})
	return len(b)
}
