package server

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"presente/server/live"
)

func TestLiveSnapshotThenChanges(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	dash := dialLive(t, ts, f.Action, f.Display)
	if dash.snap.Total != 0 || dash.snap.Committed != 18 || dash.snap.Goal != 20 || len(dash.snap.Chapters) != 2 {
		t.Fatalf("snapshot = %+v, want total 0, committed 18, goal 20, 2 chapters", dash.snap)
	}
	code := f.Codes["Sindicato Local 12"][0]
	ts.call(t, "POST", fmt.Sprintf("/api/actions/%d/checkins", f.Action), f.Door, map[string]string{"id": "live-0001", "code": code})
	var m live.Change
	if err := dash.next(t, &m); err != nil {
		t.Fatal(err)
	}
	want := live.Change{Type: "change", Seq: dash.snap.Seq + 1, Action: f.Action, Kind: "checkin",
		Institution: f.Institutions["Sindicato Local 12"], Chapter: f.Chapters["Raleigh"], Delta: 1,
		InstitutionPresent: 1, ChapterPresent: 1, Total: 1, At: m.At}
	if m != want {
		t.Errorf("change = %+v, want %+v", m, want)
	}
}

func TestSlowDashboardIsDroppedOthersKeepReceiving(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	good := dialLive(t, ts, f.Action, f.Display)
	_ = dialLive(t, ts, f.Action, f.Display) // connects, then never reads again
	inst := f.Institutions["Iglesia San José"]
	seq := good.snap.Seq
	deadline := time.Now().Add(60 * time.Second)
	for ts.tally.Subscribers(f.Action) > 1 {
		if time.Now().After(deadline) {
			t.Fatalf("stalled dashboard still subscribed after %d messages", seq-good.snap.Seq)
		}
		for i := range 200 {
			ts.tally.Apply(f.Action, inst, "checkin", 1-2*(i%2), time.Now())
		}
		seq += 200
		good.follow(t, seq) // the reading dashboard keeps up with every message
	}
	ts.tally.Apply(f.Action, inst, "checkin", 1, time.Now())
	good.follow(t, seq+1)
	if good.snap.Total != 1 {
		t.Errorf("reading dashboard total = %d, want 1", good.snap.Total)
	}
}

func TestReconnectingDashboardResyncs(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	first := dialLive(t, ts, f.Action, f.Display)
	first.conn.Close(websocket.StatusNormalClosure, "bye")
	for i, code := range f.Codes["Iglesia San José"] {
		ts.call(t, "POST", fmt.Sprintf("/api/actions/%d/checkins", f.Action), f.Door,
			map[string]string{"id": fmt.Sprintf("re-%06d", i), "code": code})
	}
	again := dialLive(t, ts, f.Action, f.Display)
	if again.snap.Total != 5 || again.snap.Seq <= first.snap.Seq {
		t.Errorf("after reconnect total %d seq %d, want 5 and a seq past %d", again.snap.Total, again.snap.Seq, first.snap.Seq)
	}
}

func TestLiveRefusesOtherSites(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	url := strings.Replace(ts.URL, "http://", "ws://", 1) + fmt.Sprintf("/api/actions/%d/live?token=%s", f.Action, f.Display)
	h := map[string][]string{"Origin": {"https://evil.example"}}
	_, resp, err := websocket.Dial(ctx, url, &websocket.DialOptions{HTTPHeader: h})
	if err == nil || resp == nil || resp.StatusCode != 403 {
		t.Errorf("dial from another origin: err %v, resp %v; want a 403", err, resp)
	}
}
