package server

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

const (
	figFanout     = "fan-out at 10,000 dashboards (server in its own process)"
	fanoutDashes  = 10_000
	fanoutChanges = 30
	fanoutEvery   = 333 * time.Millisecond
)

// benchFanout measures, with the server in a process of its own, how long
// each change takes to reach the last of 10,000 dashboards, and what each
// connection costs the server in memory, against the bare broadcast in a
// process of its own.
func benchFanout(t *testing.T, rep *benchReport) {
	bare, bareKB := fanoutBare(t)
	pres, presKB, agree := fanoutPresente(t)
	p := func(r liveRun, q float64) float64 { return benchMs(benchQuantile(r.lats, q)) }
	rep.Add(
		benchFigure(figFanout, "per-update p50", "ms", p(pres, 0.5)).Against(p(bare, 0.5)),
		benchFigure(figFanout, "per-update p99", "ms", p(pres, 0.99)).Against(p(bare, 0.99)).AtMost(150).
			Holds("every dashboard ends equal to the database", agree == fanoutDashes && pres.missing == 0).
			Noted("%d updates, one every %v; %d of %d dashboards equal the database; %d changes missed, %d gaps (bare: %d missed)",
				fanoutChanges, fanoutEvery, agree, fanoutDashes, pres.missing, pres.gaps, bare.missing),
		benchFigure(figFanout, "memory per connection (RSS)", "KB", presKB.rss).Against(bareKB.rss).AtMost(24).
			Noted("server process RSS before and after 10,000 connections, after a collection; Go heap + stacks per connection: %.1f KB (bare %.1f KB)",
				presKB.heap, bareKB.heap),
		benchFigure(figFanout, "server CPU per message delivered", "µs", float64(presKB.cpu.Nanoseconds())/1000).
			Against(float64(bareKB.cpu.Nanoseconds())/1000).
			Noted("the server process's user + system time while the changes went out, over updates × dashboards: the busy machine's noise does not inflate it as much as the latencies"),
	)
}

// connCost is what one connection costs a server process: memory in KB
// (resident, and the Go heap and stacks), and the CPU time spent per
// message delivered while the changes went out.
type connCost struct {
	rss, heap float64
	cpu       time.Duration
}

// costPerConn compares the server before the dashboards connected, once
// they had, and after the changes; the memory is the highest seen.
func costPerConn(before, connected, after childStats, conns, changes int) connCost {
	heap := func(s childStats) float64 { return float64(s.HeapInuse+s.StackInuse) / 1024 }
	return connCost{
		rss:  float64(max(connected.RSSKB, after.RSSKB)-before.RSSKB) / float64(conns),
		heap: (max(heap(connected), heap(after)) - heap(before)) / float64(conns),
		cpu:  (after.CPU - connected.CPU) / time.Duration(conns*changes),
	}
}

func fanoutBare(t *testing.T) (liveRun, connCost) {
	c := startChild(t, "bare", "PRESENTE_BENCH_SIZE="+strconv.Itoa(changeSize()))
	before := c.memory(t)
	fl := dialFleet(t, "ws"+strings.TrimPrefix(c.URL, "http")+"/live", fanoutDashes, fanoutChanges)
	defer fl.close()
	connected := c.memory(t)
	run := publishBare(t, fl, c.URL, fanoutChanges, fanoutEvery)
	return run, costPerConn(before, connected, c.memory(t), fanoutDashes, fanoutChanges)
}

// fanoutPresente seeds a data folder, serves it from a child process and
// connects the dashboards with the display token.
func fanoutPresente(t *testing.T) (liveRun, connCost, int) {
	dir := t.TempDir()
	ts := startTestServer(t, dir)
	f := ts.seed(t)
	codes := benchLeaders(t, ts.Store().Path(), institutionIDs(f), fanoutChanges, 0)
	ts.stop(t)
	c := startChild(t, "presente", "PRESENTE_BENCH_DIR="+dir)
	before := c.memory(t)
	url := fmt.Sprintf("ws%s/api/actions/%d/live?token=%s", strings.TrimPrefix(c.URL, "http"), f.Action, f.Display)
	fl := dialFleet(t, url, fanoutDashes, fanoutChanges)
	defer fl.close()
	connected := c.memory(t)
	run := scanAndWait(t, fl, c.URL, f.Action, f.Door, codes, fanoutEvery)
	after := c.memory(t)
	if p := os.Getenv("PRESENTE_BENCH_HEAP"); p != "" {
		saveProfile(t, c.stats+"/debug/pprof/heap", p)
	}
	agree := fl.agree(dbTotal(t, filepath.Join(dir, "presente.db"), f.Action), nil)
	return run, costPerConn(before, connected, after, fanoutDashes, fanoutChanges), agree
}

// saveProfile writes a child's profile to path: PRESENTE_BENCH_HEAP=FILE
// keeps the server's heap at 10,000 connections, to see what each one holds.
func saveProfile(t *testing.T, url, path string) {
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	f, _ := os.Create(path)
	defer f.Close()
	io.Copy(f, resp.Body)
}
