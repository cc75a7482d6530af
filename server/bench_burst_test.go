package server

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const (
	figBurst     = "offline-sync burst (20 doors × 500 queued scans, 1,000 dashboards)"
	burstDoors   = 20
	burstPerDoor = 500
	burstBatch   = 200 // what the scanner sends at once (static/www/door/sync.js)
	burstDashes  = 1000
)

// benchBurst has 20 doors come back online at once, each uploading the 500
// scans it queued offline in batches, as the scanner does, while 1,000
// dashboards watch; then each door replays its first batch, as a phone does
// when an answer was lost. Every scan must count exactly once, and every
// dashboard must stay connected and end equal to the database.
func benchBurst(t *testing.T, rep *benchReport) {
	ts := newTestServer(t)
	f := ts.seed(t)
	codes := benchLeaders(t, ts.Store().Path(), institutionIDs(f), burstDoors*burstPerDoor, 0)
	outboxes, tokens := burstOutboxes(t, ts, f, codes)
	url := fmt.Sprintf("ws%s/api/actions/%d/live?token=%s", strings.TrimPrefix(ts.URL, "http"), f.Action, f.Display)
	fl := dialFleet(t, url, burstDashes, 0)
	defer fl.close()
	start := time.Now()
	counted, failed := syncAll(ts.URL, f.Action, tokens, outboxes)
	took := time.Since(start)
	snap, _ := ts.tally.Snapshot(f.Action)
	fl.await(snap.Seq, 0, liveSettling)
	settled := time.Since(start)
	replayCounted, _ := syncAll(ts.URL, f.Action, tokens, firstBatches(outboxes))
	stored := dbTotal(t, ts.Store().Path(), f.Action)
	total, present := countsOf(t, ts, f.Action)
	snap, _ = ts.tally.Snapshot(f.Action)
	want := burstDoors * burstPerDoor
	once := counted == want && replayCounted == 0 && stored == want && snap.Total == want
	dropped, agree := fl.dropped(), fl.agree(total, present)
	rep.Add(benchFigure(figBurst, "all synced", "s", took.Seconds()).AtMost(1).
		Holds("all 10,000 counted once", once).
		Holds("no dashboard dropped, each equal to the database", dropped == 0 && agree == burstDashes).
		Noted("batches of %d; %d counted, %d failed; replaying each door's first batch counted %d more; database %d, live tally %d; %d of %d dashboards dropped, %d equal to the database",
			burstBatch, counted, failed, replayCounted, stored, snap.Total, dropped, burstDashes, agree),
		benchFigure(figBurst, "last dashboard up to date", "s", settled.Seconds()).
			Noted("from the first upload until every dashboard held the last change; a dashboard far behind takes a snapshot of now instead of the changes it missed: %d such snapshots, %d gaps", fl.catchUps(), fl.gaps()))
}

// burstOutboxes makes a door per outbox and fills each with distinct
// leaders' scans, with the ids phones make (random UUIDs) and the times they
// were scanned while offline.
func burstOutboxes(t *testing.T, ts *testServer, f fixture, codes []string) ([][]checkInBody, []string) {
	outboxes := make([][]checkInBody, burstDoors)
	tokens := make([]string, burstDoors)
	scanned := time.Now().Add(-20 * time.Minute)
	for d := range burstDoors {
		_, tok, err := ts.Store().CreateDoor(context.Background(), f.Action, fmt.Sprintf("Puerta %d", d+1))
		if err != nil {
			t.Fatal(err)
		}
		tokens[d] = tok
		for i := range burstPerDoor {
			at := scanned.Add(time.Duration(i) * time.Second)
			outboxes[d] = append(outboxes[d], checkInBody{ID: benchUUID(), Code: codes[d*burstPerDoor+i], At: &at})
		}
	}
	return outboxes, tokens
}

func firstBatches(outboxes [][]checkInBody) [][]checkInBody {
	out := make([][]checkInBody, len(outboxes))
	for i, o := range outboxes {
		out[i] = o[:min(burstBatch, len(o))]
	}
	return out
}

// syncAll uploads every outbox at once, one door per goroutine, each in
// batches in order; it returns how many scans were newly counted and how
// many failed.
func syncAll(base string, action int64, tokens []string, outboxes [][]checkInBody) (counted, failed int) {
	hc := benchClient(len(tokens))
	defer hc.CloseIdleConnections()
	url := fmt.Sprintf("%s/api/actions/%d/checkins/batch", base, action)
	var ok, bad atomic.Int64
	var wg sync.WaitGroup
	for d, outbox := range outboxes {
		wg.Go(func() {
			for i := 0; i < len(outbox); i += burstBatch {
				batch := outbox[i:min(i+burstBatch, len(outbox))]
				n, err := postBatch(hc, url, tokens[d], batch)
				ok.Add(int64(n))
				if err != nil {
					bad.Add(int64(len(batch) - n))
				}
			}
		})
	}
	wg.Wait()
	return int(ok.Load()), int(bad.Load())
}

// postBatch sends one batch and counts the items newly checked in.
func postBatch(hc *http.Client, url, token string, batch []checkInBody) (int, error) {
	body, _ := json.Marshal(batch)
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var out struct {
		Results []struct {
			Status   string
			Replayed bool
		}
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("batch = %d: %v", resp.StatusCode, err)
	}
	n := 0
	for _, r := range out.Results {
		if r.Status == "checked_in" && !r.Replayed {
			n++
		}
	}
	return n, nil
}

// benchUUID makes a random version-4 UUID, as a phone's outbox does.
func benchUUID() string {
	b := make([]byte, 16)
	rand.Read(b)
	b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80
	h := hex.EncodeToString(b)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
