package server

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const (
	figCheckIns   = "durable check-ins over HTTP (64 clients, 10 s)"
	loadClients   = 64
	loadFor       = 10 * time.Second
	loadLeaders   = 100_000 // enough for 10,000 check-ins a second for loadFor
	rawInsertFor  = 3 * time.Second
	rawRowsPerTxn = 64
)

// benchCheckIns measures acknowledged check-ins per second over HTTP from 64
// clients, against raw SQLite inserts of 64 rows per transaction on the same
// filesystem with the same durability.
func benchCheckIns(t *testing.T, rep *benchReport) {
	raw, rawCPU := rawInsertRate(t, rawInsertFor)
	dir := t.TempDir()
	ts := startTestServer(t, dir)
	f := ts.seed(t)
	codes := benchLeaders(t, ts.Store().Path(), institutionIDs(f), loadLeaders, 0)
	ts.stop(t)
	c := startChild(t, "presente", "PRESENTE_BENCH_DIR="+dir)
	before := c.memory(t)
	load := postCheckIns(c.URL, f.Action, []string{f.Door, f.Door2}, codes, loadClients, loadFor)
	ok := load.ok.Load()
	cpu := (c.memory(t).CPU - before.CPU) / time.Duration(max(ok, 1))
	rate := float64(ok) / load.took.Seconds()
	stored := dbTotal(t, filepath.Join(dir, "presente.db"), f.Action)
	rep.Add(
		benchFigure(figCheckIns, "rate", "/s", rate).Against(raw).AtLeast(20000).RatioAtLeast(0.25).
			Holds("every acknowledged check-in stored", stored == int(ok)).
			Noted("baseline: raw SQLite inserts, WAL + synchronous=FULL, 64 rows per transaction; %d acknowledged in %.1f s, %d stored, %d failed; %d leaders on the roster, ids are random UUIDs as phones make them",
				ok, load.took.Seconds(), stored, load.failed.Load(), len(codes)),
		benchFigure(figCheckIns, "p50", "ms", benchMs(load.lat.Quantile(0.5))),
		benchFigure(figCheckIns, "p99", "ms", benchMs(load.lat.Quantile(0.99))).AtMost(10),
		benchFigure(figCheckIns, "server CPU per check-in", "µs", micros(cpu)).Against(micros(rawCPU)).
			Noted("the server process's user + system time over the check-ins it acknowledged; baseline: CPU per raw row. The load generator runs in another process on the same 2 CPUs"),
	)
}

func micros(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1000 }

// loadResult is what a load run counted.
type loadResult struct {
	ok, failed atomic.Int64
	lat        benchLatencies
	took       time.Duration
}

// postCheckIns checks codes in, one POST each, from clients concurrent
// clients until the codes or the time run out.
func postCheckIns(base string, action int64, doors, codes []string, clients int, d time.Duration) *loadResult {
	hc := benchClient(clients)
	defer hc.CloseIdleConnections()
	url := fmt.Sprintf("%s/api/actions/%d/checkins", base, action)
	var res loadResult
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(d)
	for w := range clients {
		door := doors[w%len(doors)]
		wg.Go(func() {
			var lats []time.Duration
			for time.Now().Before(deadline) {
				i := int(next.Add(1) - 1)
				if i >= len(codes) {
					break
				}
				body := fmt.Appendf(nil, `{"id":%q,"code":%q}`, benchUUID(), codes[i])
				t0 := time.Now()
				if status := benchPost(hc, url, door, body); status == http.StatusCreated {
					lats = append(lats, time.Since(t0))
					res.ok.Add(1)
				} else {
					res.failed.Add(1)
				}
			}
			res.lat.AddAll(lats)
		})
	}
	wg.Wait()
	res.took = time.Since(start)
	return &res
}

// benchClient is an HTTP client that keeps one connection per load client.
func benchClient(conns int) *http.Client {
	return &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConns: conns, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, DisableCompression: true,
	}}
}

// benchPost sends a JSON body with a bearer token and returns the status, 0 when
// the request failed.
func benchPost(hc *http.Client, url, token string, body []byte) int {
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return 0
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// rawInsertRate is the baseline: rows per second that plain SQLite commits,
// 64 rows per transaction, with WAL and synchronous=FULL, in a fresh file on
// the same filesystem, through the same driver; and the CPU time per row.
func rawInsertRate(t *testing.T, d time.Duration) (float64, time.Duration) {
	db := benchDB(t, filepath.Join(t.TempDir(), "raw.db"))
	_, err := db.Exec(`CREATE TABLE checkins (id INTEGER PRIMARY KEY, client_id TEXT NOT NULL UNIQUE,
		action_id INTEGER NOT NULL, leader_id INTEGER NOT NULL, institution_id INTEGER NOT NULL,
		scanned_at TEXT NOT NULL)`)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now().UTC().Format("2006-01-02T15:04:05.000Z")
	rows := 0
	cpu := processCPU()
	start := time.Now()
	for time.Since(start) < d {
		tx, err := db.Begin()
		if err != nil {
			t.Fatal(err)
		}
		ins := benchPrepare(t, tx, `INSERT INTO checkins (client_id, action_id, leader_id, institution_id, scanned_at) VALUES (?, 1, ?, 1, ?)`)
		for range rawRowsPerTxn {
			if _, err := ins.Exec(fmt.Sprintf("raw-%08d", rows), rows, at); err != nil {
				t.Fatal(err)
			}
			rows++
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	return float64(rows) / time.Since(start).Seconds(), (processCPU() - cpu) / time.Duration(rows)
}
