package server

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"testing"
	"time"
)

const (
	figCheckIns   = "durable check-ins over HTTP (wrk, 64 connections, 10 s)"
	loadClients   = 64
	loadFor       = 10 * time.Second
	loadLeaders   = 250_000 // enough for 25,000 check-ins a second for loadFor, each leader once
	rawInsertFor  = 3 * time.Second
	rawRowsPerTxn = 64
)

// benchCheckIns measures acknowledged check-ins per second over HTTP from
// wrk with 64 connections, against two baselines measured in the same run:
// the minimal durable path (a bare Fiber handler and a group-commit writer,
// in a server process of its own, loaded by the same wrk script) and raw
// SQLite inserts of 64 rows per transaction with the same durability.
func benchCheckIns(t *testing.T, rep *benchReport) {
	raw, rawCPU := rawInsertRate(t, rawInsertFor)
	dir := t.TempDir()
	ts := startTestServer(t, dir)
	f := ts.seed(t)
	codes := benchLeaders(t, ts.Store().Path(), institutionIDs(f), loadLeaders, 0)
	ts.stop(t)
	minimal, minCPU := minimalCheckIns(t, codes)
	c := startChild(t, "presente", "PRESENTE_BENCH_DIR="+dir)
	before := c.memory(t)
	load := runWrk(t, wrkLoad{url: fmt.Sprintf("%s/api/actions/%d/checkins", c.URL, f.Action), token: f.Door,
		codes: codes, conns: loadClients, d: loadFor})
	cpu := (c.memory(t).CPU - before.CPU) / time.Duration(max(load.ok(), 1))
	rate := float64(load.ok()) / load.seconds()
	stored := dbTotal(t, filepath.Join(dir, "presente.db"), f.Action)
	rep.Add(
		benchFigure(figCheckIns, "rate", "/s", rate).Against(minimal.rate()).AtLeast(20000).RatioAtLeast(0.5).
			Holds("every acknowledged check-in stored", acknowledgedStored(stored, load, len(codes))).
			Noted("baseline: the minimal durable path (bare Fiber handler, group-commit writer of ≤ %d rows, WAL + synchronous=FULL) in a process of its own, same wrk script; %d acknowledged in %.1f s, %d stored, %d failed; %d leaders on the roster, each scanned at most once; ids are random UUIDs as phones make them",
				minimalGroup, load.ok(), load.seconds(), stored, load.Errors, len(codes)),
		benchFigure(figCheckIns, "rate against raw SQLite", "/s", rate).Against(raw).
			Noted("baseline: raw SQLite inserts in this process, WAL + synchronous=FULL, %d rows per transaction", rawRowsPerTxn),
		benchFigure(figCheckIns, "p50", "ms", benchMs(load.p50())).Against(benchMs(minimal.result.p50())),
		benchFigure(figCheckIns, "p99", "ms", benchMs(load.p99())).Against(benchMs(minimal.result.p99())).AtMost(5),
		benchFigure(figCheckIns, "server CPU per check-in", "µs", micros(cpu)).Against(micros(minCPU)).RatioAtMost(2).
			Noted("the server process's user + system time over the check-ins it acknowledged; baseline: the minimal path's, measured alike (raw SQLite: %.1f µs per row). wrk runs in another process on the same CPUs",
				micros(rawCPU)),
	)
}

// acknowledgedStored tells whether the database holds every check-in wrk saw
// acknowledged: no fewer, and no more than the requests still in flight
// when wrk stopped counting. Each code must have been scanned once only.
func acknowledgedStored(stored int, load wrkResult, codes int) bool {
	return int64(stored) >= load.ok() && int64(stored) <= load.ok()+loadClients && load.Requests <= int64(codes)
}

// minimalRun is the minimal durable path's run.
type minimalRun struct{ result wrkResult }

func (m minimalRun) rate() float64 { return float64(m.result.ok()) / m.result.seconds() }

// minimalCheckIns loads the minimal durable path with the same wrk script
// and codes, and returns its figures and its CPU per request.
func minimalCheckIns(t *testing.T, codes []string) (minimalRun, time.Duration) {
	c := startChild(t, "minimal", "PRESENTE_BENCH_DIR="+t.TempDir())
	before := c.memory(t)
	res := runWrk(t, wrkLoad{url: c.URL + "/checkins", codes: codes, conns: loadClients, d: loadFor})
	cpu := (c.memory(t).CPU - before.CPU) / time.Duration(max(res.ok(), 1))
	return minimalRun{res}, cpu
}

func micros(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1000 }

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
