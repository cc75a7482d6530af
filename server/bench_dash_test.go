package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coder/websocket"

	"presente/server/live"
)

// benchDash is one dashboard of the live figures, kept small: it notes when
// each change arrived and holds the numbers it was told.
type benchDash struct {
	conn    *websocket.Conn
	base    int64   // the seq of the snapshot it started from
	recv    []int64 // when change i (seq base+1+i) arrived, in Unix nanoseconds
	total   int
	present map[int64]int
	last    atomic.Int64 // the highest seq applied, -1 until the snapshot
	gaps    atomic.Int64
	ended   atomic.Bool  // the server closed the connection, or it broke
	snaps   atomic.Int64 // snapshots received, the first one included
}

type dashMessage struct {
	Type               string
	Seq                int64
	Total              int
	Institution        int64
	InstitutionPresent int `json:"institution_present"`
	Chapters           []live.Chapter
}

// fleet is many dashboards on one live URL.
type fleet struct {
	dashes []*benchDash
	wg     sync.WaitGroup
}

// dialFleet connects n dashboards, 64 at a time, each expecting up to
// changes changes, and returns once every one holds its snapshot.
func dialFleet(t *testing.T, url string, n, changes int) *fleet {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	fl := &fleet{dashes: make([]*benchDash, n)}
	t.Cleanup(fl.close)
	sem := make(chan struct{}, 64)
	errs := make(chan error, n)
	var dials sync.WaitGroup
	for i := range fl.dashes {
		sem <- struct{}{}
		dials.Go(func() {
			defer func() { <-sem }()
			d, err := dialDash(ctx, url, changes)
			if err != nil {
				errs <- err
				return
			}
			fl.dashes[i] = d
			fl.wg.Go(d.read)
		})
	}
	dials.Wait()
	close(errs)
	if err := <-errs; err != nil {
		t.Fatalf("connect dashboards: %v", err)
	}
	if !fl.await(0, 0, time.Minute) {
		t.Fatal("some dashboards never got their snapshot")
	}
	return fl
}

func dialDash(ctx context.Context, url string, changes int) (*benchDash, error) {
	conn, _, err := websocket.Dial(ctx, url, nil)
	if err != nil {
		return nil, fmt.Errorf("dial: %w", err)
	}
	conn.SetReadLimit(1 << 20)
	d := &benchDash{conn: conn, recv: make([]int64, changes), present: map[int64]int{}}
	d.last.Store(-1)
	return d, nil
}

// read applies messages until the connection ends. It reads each into a
// pooled buffer and picks a change's few numbers out of it by hand: 10,000
// dashboards in the benchmark's own process, each allocating and decoding
// every message, took from the 2 cores as much CPU as the server they
// measure.
func (d *benchDash) read() {
	for {
		_, r, err := d.conn.Reader(context.Background())
		if err != nil {
			d.ended.Store(true)
			return
		}
		buf := dashBufs.Get().(*bytes.Buffer)
		buf.Reset()
		_, err = buf.ReadFrom(r)
		now := time.Now().UnixNano()
		if err != nil {
			d.ended.Store(true)
			return
		}
		if m, ok := parseDashMessage(buf.Bytes()); ok {
			d.apply(m, now)
		}
		dashBufs.Put(buf)
	}
}

var dashBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// parseDashMessage decodes a change by picking its numbers out of it, and
// any other message with encoding/json.
func parseDashMessage(b []byte) (dashMessage, bool) {
	if !bytes.HasPrefix(b, []byte(`{"type":"change",`)) {
		var m dashMessage
		return m, json.Unmarshal(b, &m) == nil
	}
	m := dashMessage{Type: "change"}
	var total, present int64
	ok := jsonInt(b, `"seq":`, &m.Seq) && jsonInt(b, `"total":`, &total)
	jsonInt(b, `"institution":`, &m.Institution)
	jsonInt(b, `"institution_present":`, &present)
	m.Total, m.InstitutionPresent = int(total), int(present)
	return m, ok
}

// jsonInt sets *v to the integer after key, a quoted name and its colon, in
// a flat JSON object; false if key is not there.
func jsonInt(b []byte, key string, v *int64) bool {
	i := bytes.Index(b, []byte(key))
	if i < 0 {
		return false
	}
	rest := b[i+len(key):]
	end := bytes.IndexAny(rest, ",}")
	if end < 0 {
		return false
	}
	n, err := strconv.ParseInt(string(rest[:end]), 10, 64)
	*v = n
	return err == nil
}

func (d *benchDash) apply(m dashMessage, now int64) {
	if m.Type == "snapshot" {
		d.snaps.Add(1)
		if last := d.last.Load(); last < 0 {
			d.base = m.Seq
		} else { // a snapshot in place of the changes since last: they arrive now
			for seq := last + 1; seq <= m.Seq; seq++ {
				d.received(seq, now)
			}
		}
		d.total = m.Total
		clear(d.present)
		for _, ch := range m.Chapters {
			for _, in := range ch.Institutions {
				d.present[in.ID] = in.Present
			}
		}
		d.last.Store(m.Seq)
		return
	}
	if m.Seq != d.last.Load()+1 {
		d.gaps.Add(1)
	}
	d.received(m.Seq, now)
	d.total = m.Total
	if m.Institution != 0 {
		d.present[m.Institution] = m.InstitutionPresent
	}
	d.last.Store(m.Seq) // publishes the writes above to whoever loads it
}

// received notes when the change with seq reached the dashboard.
func (d *benchDash) received(seq, now int64) {
	if i := seq - d.base - 1; i >= 0 && i < int64(len(d.recv)) {
		d.recv[i] = now
	}
}

// await waits until every dashboard holds seq k, or seq base+k, counting
// from its own snapshot, when fromBase is 1; await(0, 0) waits for the
// snapshots.
func (fl *fleet) await(k int64, fromBase int64, d time.Duration) bool {
	for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		behind := 0
		for _, dash := range fl.dashes {
			if dash.last.Load() < k+fromBase*dash.base {
				behind++
			}
		}
		if behind == 0 {
			return true
		}
	}
	return false
}

// latencies is, for each change sent at sent[i], how long until the last
// dashboard had it; missing counts changes some dashboard never received.
func (fl *fleet) latencies(sent []time.Time) (lats []time.Duration, missing int) {
	for i, at := range sent {
		var worst int64
		for _, d := range fl.dashes {
			r := d.recv[i]
			if r == 0 {
				missing++
				worst = 0
				break
			}
			worst = max(worst, r)
		}
		if worst != 0 {
			lats = append(lats, time.Duration(worst-at.UnixNano()))
		}
	}
	return lats, missing
}

// agree counts the dashboards whose numbers equal total and present.
func (fl *fleet) agree(total int, present map[int64]int) int {
	n := 0
	for _, d := range fl.dashes {
		d.last.Load()
		if d.total == total && (present == nil || maps.Equal(d.present, present)) {
			n++
		}
	}
	return n
}

// gaps counts the changes that did not follow the one before.
func (fl *fleet) gaps() int64 {
	var n int64
	for _, d := range fl.dashes {
		n += d.gaps.Load()
	}
	return n
}

// catchUps counts the snapshots dashboards took after their first, in
// place of changes they had fallen too far behind to take one by one.
func (fl *fleet) catchUps() int64 {
	var n int64
	for _, d := range fl.dashes {
		n += d.snaps.Load() - 1
	}
	return n
}

// dropped counts the dashboards whose connection ended before the fleet
// closed them.
func (fl *fleet) dropped() int {
	n := 0
	for _, d := range fl.dashes {
		if d.ended.Load() {
			n++
		}
	}
	return n
}

func (fl *fleet) close() {
	for _, d := range fl.dashes {
		if d != nil {
			d.conn.CloseNow()
		}
	}
	fl.wg.Wait()
}

// paced calls fire n times, one every period, and returns when each call
// started. Calls never overlap, so the i-th change is the i-th call's.
func paced(n int, every time.Duration, fire func(i int) error) ([]time.Time, error) {
	sent := make([]time.Time, n)
	tick := time.NewTicker(every)
	defer tick.Stop()
	for i := range n {
		<-tick.C
		sent[i] = time.Now()
		if err := fire(i); err != nil {
			return sent[:i], fmt.Errorf("change %d: %w", i, err)
		}
	}
	return sent, nil
}

// TestBenchDashParse: the benchmark's dashboards read a change as
// encoding/json would.
func TestBenchDashParse(t *testing.T) {
	for _, c := range []live.Change{
		{Type: "change", Seq: 41, Institution: 7, InstitutionPresent: 12, ChapterPresent: 30, Total: 1234, InstitutionFirstTime: 3},
		{Type: "change", Seq: 1, Institution: 0, Total: 0, Delta: -1},
	} {
		b, _ := json.Marshal(c)
		var want dashMessage
		json.Unmarshal(b, &want)
		if got, ok := parseDashMessage(b); !ok || got.Type != want.Type || got.Seq != want.Seq || got.Total != want.Total ||
			got.Institution != want.Institution || got.InstitutionPresent != want.InstitutionPresent {
			t.Errorf("parseDashMessage(%s) = %+v, %v; want %+v", b, got, ok, want)
		}
	}
}
