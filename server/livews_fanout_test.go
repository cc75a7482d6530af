package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"

	"presente/server/live"
	"presente/server/store"
)

const (
	fanClients  = 1000
	fanCheckIns = 200
)

// fanClient is one dashboard as the projector runs it: a snapshot, then
// changes applied in seq order; on a gap or a dropped connection it starts
// again from a fresh snapshot.
type fanClient struct {
	mu         sync.Mutex
	epoch      string
	seq        int64
	total      int
	present    map[int64]int
	reconnects int
	ready      chan struct{}
	readyOnce  sync.Once
}

type fanMessage struct {
	Type               string
	Epoch              string
	Seq                int64
	Total              int
	Chapters           []live.Chapter
	Institution        int64
	InstitutionPresent int `json:"institution_present"`
}

func (c *fanClient) run(ctx context.Context, url string) {
	for ctx.Err() == nil {
		conn, _, err := websocket.Dial(ctx, url, nil)
		if err != nil {
			time.Sleep(100 * time.Millisecond)
			continue
		}
		c.follow(ctx, conn)
		conn.CloseNow()
		c.mu.Lock()
		c.reconnects++
		c.mu.Unlock()
	}
}

// follow reads until the connection fails or a message cannot be applied.
func (c *fanClient) follow(ctx context.Context, conn *websocket.Conn) {
	for {
		_, b, err := conn.Read(ctx)
		if err != nil {
			return
		}
		var m fanMessage
		if json.Unmarshal(b, &m) != nil || !c.apply(m) {
			return
		}
	}
}

func (c *fanClient) apply(m fanMessage) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case m.Type == "snapshot":
		c.epoch, c.seq, c.total, c.present = m.Epoch, m.Seq, m.Total, map[int64]int{}
		for _, ch := range m.Chapters {
			for _, in := range ch.Institutions {
				c.present[in.ID] = in.Present
			}
		}
		c.readyOnce.Do(func() { close(c.ready) })
	case m.Type != "change" || m.Seq <= c.seq:
		// not ours, or already applied
	case m.Seq != c.seq+1:
		return false // a gap: resync from a snapshot
	default:
		c.seq, c.total, c.present[m.Institution] = m.Seq, m.Total, m.InstitutionPresent
	}
	return true
}

func (c *fanClient) agrees(total int, present map[int64]int) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.total == total && maps.Equal(c.present, present)
}

// TestProjectorFanoutThousandClientsConverge connects 1,000 real WebSocket
// clients, posts 200 check-ins at once (and 20 repeat scans of the same
// leaders from the other door), and waits for every client to hold the very
// numbers the database holds.
func TestProjectorFanoutThousandClientsConverge(t *testing.T) {
	if n := raiseOpenFiles(t); n < 2*fanClients+512 {
		t.Logf("open files limited to %d (want %d)", n, 2*fanClients+512)
	}
	ts := startTestServerWith(t, roomyConfig())
	f := ts.seed(t)
	codes := fanLeaders(t, ts, f)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	url := fmt.Sprintf("ws%s/api/actions/%d/live?token=%s", strings.TrimPrefix(ts.URL, "http"), f.Action, f.Display)

	start := time.Now()
	clients := fanConnect(ctx, t, url)
	t.Logf("%d clients connected in %v", len(clients), time.Since(start).Round(time.Millisecond))

	start = time.Now()
	fanBurst(t, ts, f, codes)
	t.Logf("%d check-ins and 20 repeats answered in %v", fanCheckIns, time.Since(start).Round(time.Millisecond))

	total, present := fanTruth(t, ts.Store(), f.Action)
	if total != fanCheckIns {
		t.Fatalf("database total = %d, want %d: repeats must not count", total, fanCheckIns)
	}
	fanAwait(t, clients, total, present)
	t.Logf("every client holds the database's numbers %v after the burst", time.Since(start).Round(time.Millisecond))
}

// fanAwait waits, within a generous deadline, for every client to hold the
// database's numbers.
func fanAwait(t *testing.T, clients []*fanClient, total int, present map[int64]int) {
	t.Helper()
	for deadline := time.Now().Add(150 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		behind := 0
		for _, c := range clients {
			if !c.agrees(total, present) {
				behind++
			}
		}
		if behind == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d clients never reached the database's numbers (total %d)", behind, len(clients), total)
		}
	}
	reconnects := 0
	for _, c := range clients {
		c.mu.Lock()
		reconnects += c.reconnects
		c.mu.Unlock()
	}
	t.Logf("%d reconnects on the way", reconnects)
}

func fanConnect(ctx context.Context, t *testing.T, url string) []*fanClient {
	t.Helper()
	clients := make([]*fanClient, fanClients)
	var done sync.WaitGroup
	t.Cleanup(done.Wait)
	runCtx, stop := context.WithCancel(ctx)
	t.Cleanup(stop)
	for i := range clients {
		c := &fanClient{ready: make(chan struct{})}
		clients[i] = c
		done.Go(func() { c.run(runCtx, url) })
	}
	for i, c := range clients {
		select {
		case <-c.ready:
		case <-ctx.Done():
			t.Fatalf("client %d never got a snapshot", i)
		}
	}
	return clients
}

// fanLeaders adds 200 leaders across the fixture's institutions and returns
// their badge codes.
func fanLeaders(t *testing.T, ts *testServer, f fixture) []string {
	t.Helper()
	var ids []int64
	for _, id := range f.Institutions {
		ids = append(ids, id)
	}
	nl := make([]store.NewLeader, fanCheckIns)
	for i := range nl {
		nl[i] = store.NewLeader{Name: fmt.Sprintf("Fan %03d", i), Institution: ids[i%len(ids)]}
	}
	added, err := ts.Store().AddLeaders(context.Background(), nl)
	if err != nil {
		t.Fatalf("add leaders: %v", err)
	}
	codes := make([]string, len(added))
	for i, l := range added {
		codes[i] = l.Code
	}
	return codes
}

// fanBurst posts every check-in at once from 40 senders, the first 20 codes
// twice, from two doors; each must be answered 201 or 200 (repeat).
func fanBurst(t *testing.T, ts *testServer, f fixture, codes []string) {
	t.Helper()
	type scan struct{ id, code, door string }
	var scans []scan
	for i, code := range codes {
		scans = append(scans, scan{fmt.Sprintf("fan-%05d", i), code, f.Door})
		if i < 20 {
			scans = append(scans, scan{fmt.Sprintf("fan-again-%05d", i), code, f.Door2})
		}
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 40}, Timeout: 60 * time.Second}
	defer client.CloseIdleConnections()
	errs := make(chan error, len(scans))
	work := make(chan scan)
	var wg sync.WaitGroup
	for range 40 {
		wg.Go(func() {
			for s := range work {
				errs <- fanPost(client, ts.URL, f.Action, s.door, s.id, s.code)
			}
		})
	}
	for _, s := range scans {
		work <- s
	}
	close(work)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}

func fanPost(client *http.Client, base string, action int64, door, id, code string) error {
	body, _ := json.Marshal(map[string]string{"id": id, "code": code})
	req, _ := http.NewRequest("POST", fmt.Sprintf("%s/api/actions/%d/checkins", base, action), bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+door)
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("check in %s: %w", id, err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusOK {
		return fmt.Errorf("check in %s = %d", id, resp.StatusCode)
	}
	return nil
}

// fanTruth is what the database holds: SQL over the raw tables.
func fanTruth(t *testing.T, st *store.Store, action int64) (int, map[int64]int) {
	t.Helper()
	counts, err := st.Counts(context.Background(), action)
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
