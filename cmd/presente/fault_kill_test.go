package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"
)

// queued is one write a phone holds in its outbox until the server answers.
type queued struct {
	kind  string // checkin, batch, walkin, headcount
	path  string
	body  string
	ids   []string
	count int // a headcount's number of people
}

// phones are the doors of the test, each with its outbox, and what the
// server acknowledged: every id it answered for, by kind.
type phones struct {
	outboxes [][]queued
	mu       sync.Mutex
	acked    map[string]string // id -> kind
	perKind  map[string]int
	// what the outboxes add up to once all is synced
	scans, walkins, people int
	failed                 int // writes refused on replay
}

func (p *phones) ack(kind string, ids ...string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, id := range ids {
		p.acked[id] = kind
	}
	p.perKind[kind] += len(ids)
}

// ready reports whether every kind of write has been acknowledged a few
// times and enough in all: the moment to pull the plug.
func (p *phones) ready() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	total := 0
	for _, n := range p.perKind {
		total += n
	}
	return total >= 300 && p.perKind["checkin"] >= 10 && p.perKind["batch"] >= 10 &&
		p.perKind["walkin"] >= 10 && p.perKind["headcount"] >= 10
}

// TestKillMidSyncLosesNothingCountsNothingTwice kills the server with
// SIGKILL while phones check leaders in one by one, sync offline batches,
// add walk-ins and record headcounts. After a restart every acknowledged
// write is there; then every phone replays its whole outbox, and each
// leader, walk-in and headcount counts exactly once, in the database and on
// the live tally.
func TestKillMidSyncLosesNothingCountsNothingTwice(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills server processes")
	}
	data := t.TempDir()
	srv := startChild(t, true, "demo", "--data", data, "--http", "127.0.0.1:0")
	door := srv.door
	p := fillOutboxes(t, rosterCodes(t, data), institutionsOf(t, srv.base, door))
	var wg sync.WaitGroup
	for _, outbox := range p.outboxes {
		wg.Go(func() { p.send(srv.base, door, outbox, true) })
	}
	for deadline := time.Now().Add(2 * time.Minute); !p.ready(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("not enough writes acknowledged before the kill: %v", p.perKind)
		}
	}
	srv.cmd.Process.Kill() // SIGKILL: no shutdown, no flush
	srv.cmd.Wait()
	wg.Wait()
	t.Logf("acknowledged before the kill: %v", p.perKind)
	checkAcknowledged(t, data, p)

	srv = startChild(t, false, "serve", "--data", data, "--http", "127.0.0.1:0")
	for _, outbox := range p.outboxes {
		wg.Go(func() { p.send(srv.base, door, outbox, false) })
	}
	wg.Wait()
	if p.failed > 0 {
		t.Fatalf("%d writes failed on replay", p.failed)
	}
	checkCountedOnce(t, data, srv.base, door, p)
}

// fillOutboxes queues, for 13 phones, leaders' codes one by one and in
// batches of 25, walk-ins and headcounts, every one with its own id.
func fillOutboxes(t *testing.T, codes []string, insts []int64) *phones {
	t.Logf("%d badge codes, %d institutions", len(codes), len(insts))
	p := &phones{acked: map[string]string{}, perKind: map[string]int{}, scans: len(codes), walkins: 300}
	half := len(codes) / 2
	for ph := range 6 {
		var box []queued
		for i := ph; i < half; i += 6 {
			id := fmt.Sprintf("kill-one-%06d", i)
			box = append(box, queued{kind: "checkin", path: "/checkins", ids: []string{id},
				body: fmt.Sprintf(`{"id":%q,"code":%q}`, id, codes[i])})
		}
		p.outboxes = append(p.outboxes, box)
	}
	for ph := range 3 {
		p.outboxes = append(p.outboxes, batchOutbox(ph, codes[half:]))
	}
	for ph := range 2 {
		var walk, heads []queued
		for i := range 150 {
			id := fmt.Sprintf("kill-walk-%d-%04d", ph, i)
			walk = append(walk, queued{kind: "walkin", path: "/walkins", ids: []string{id},
				body: fmt.Sprintf(`{"id":%q,"name":"Visitante %d-%d","institution":%d}`, id, ph, i, insts[i%len(insts)])})
			id = fmt.Sprintf("kill-head-%d-%04d", ph, i)
			p.people += 1 + i%40
			heads = append(heads, queued{kind: "headcount", path: "/headcounts", ids: []string{id}, count: 1 + i%40,
				body: fmt.Sprintf(`{"id":%q,"institution":%d,"count":%d}`, id, insts[i%len(insts)], 1+i%40)})
		}
		p.outboxes = append(p.outboxes, walk, heads)
	}
	return p
}

// batchOutbox is phone ph's share of codes (every third), in batches of 25.
func batchOutbox(ph int, codes []string) []queued {
	var box []queued
	var items []string
	q := queued{kind: "batch", path: "/checkins/batch"}
	for i := ph; i < len(codes); i += 3 {
		id := fmt.Sprintf("kill-batch-%06d", i)
		q.ids = append(q.ids, id)
		items = append(items, fmt.Sprintf(`{"id":%q,"code":%q}`, id, codes[i]))
		if len(items) == 25 || i+3 >= len(codes) {
			q.body = "[" + strings.Join(items, ",") + "]"
			box = append(box, q)
			q, items = queued{kind: "batch", path: "/checkins/batch"}, nil
		}
	}
	return box
}

// send posts an outbox in order and notes what was acknowledged. On the
// first run it stops when the server is gone; on replay every write must
// be answered.
func (p *phones) send(base, door string, outbox []queued, firstRun bool) {
	for _, q := range outbox {
		status, body := postRead(base+"/api/actions/1"+q.path, door, q.body)
		if status == 0 && firstRun {
			return
		}
		ok := p.note(q, status, body)
		if !ok && !firstRun {
			p.mu.Lock()
			p.failed++
			p.mu.Unlock()
		}
	}
}

// note records the ids the server acknowledged in one answer.
func (p *phones) note(q queued, status int, body []byte) bool {
	switch {
	case q.kind == "batch" && status == 200:
		var res struct{ Results []struct{ ID, Status string } }
		if json.Unmarshal(body, &res) != nil {
			return false
		}
		n := 0
		for _, r := range res.Results {
			if r.Status == "checked_in" || r.Status == "already_checked_in" {
				p.ack(q.kind, r.ID)
				n++
			}
		}
		return n == len(q.ids)
	case q.kind == "checkin" && (status == 201 || status == 200), status == 201:
		p.ack(q.kind, q.ids...)
		return true
	}
	return false
}

func postRead(url, token, body string) (int, []byte) {
	req, _ := newRequest("POST", url, token, body)
	resp, err := httpClient.Do(req)
	if err != nil {
		return 0, nil
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

// institutionsOf reads the action's institutions from its turnout.
func institutionsOf(t *testing.T, base, token string) []int64 {
	req, _ := newRequest("GET", base+"/api/actions/1/turnout", token, "")
	resp, err := httpClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var snap struct {
		Total    int
		Chapters []struct{ Institutions []struct{ ID int64 } }
	}
	if err := json.NewDecoder(resp.Body).Decode(&snap); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, ch := range snap.Chapters {
		for _, in := range ch.Institutions {
			ids = append(ids, in.ID)
		}
	}
	if len(ids) == 0 {
		t.Fatal("the demo action has no institutions")
	}
	return ids
}

// checkAcknowledged finds, in the database the killed server left, every
// write it acknowledged: the answer to each check-in is stored with it, and
// each walk-in and headcount has its row.
func checkAcknowledged(t *testing.T, data string, p *phones) {
	db := openDB(t, data)
	defer db.Close()
	where := map[string]string{"checkin": "replies", "batch": "replies", "walkin": "walkins", "headcount": "headcounts"}
	stored := map[string]map[string]bool{}
	for _, table := range where {
		stored[table] = map[string]bool{}
		rows, err := db.Query(`SELECT client_id FROM ` + table)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id string
			rows.Scan(&id)
			stored[table][id] = true
		}
		rows.Close()
	}
	for id, kind := range p.acked {
		if !stored[where[kind]][id] {
			t.Errorf("acknowledged %s %s is missing after SIGKILL", kind, id)
		}
	}
}

// checkCountedOnce compares the database and the live tally with what the
// outboxes add up to.
func checkCountedOnce(t *testing.T, data, base, door string, p *phones) {
	db := openDB(t, data)
	defer db.Close()
	var got = map[string]int{}
	for name, query := range map[string]string{
		"check-ins":          `SELECT count(*) FROM checkins WHERE action_id = 1 AND undone_at IS NULL`,
		"leaders checked in": `SELECT count(DISTINCT leader_id) FROM checkins WHERE action_id = 1 AND undone_at IS NULL`,
		"scans":              `SELECT count(*) FROM checkins WHERE action_id = 1 AND source = 'scan' AND undone_at IS NULL`,
		"walk-ins":           `SELECT count(*) FROM walkins WHERE action_id = 1`,
		"walk-in leaders":    `SELECT count(*) FROM leaders WHERE walk_in = 1`,
		"headcounts":         `SELECT count(*) FROM headcounts WHERE action_id = 1 AND undone_at IS NULL`,
		"people counted":     `SELECT coalesce(sum(count), 0) FROM headcounts WHERE action_id = 1 AND undone_at IS NULL`,
	} {
		var n int
		if err := db.QueryRow(query).Scan(&n); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got[name] = n
	}
	want := map[string]int{"check-ins": p.scans + p.walkins, "leaders checked in": p.scans + p.walkins,
		"scans": p.scans, "walk-ins": p.walkins, "walk-in leaders": p.walkins, "headcounts": 300, "people counted": p.people}
	for name, n := range want {
		if got[name] != n {
			t.Errorf("after replay, %s = %d, want %d", name, got[name], n)
		}
	}
	var snap struct{ Total int }
	req, _ := newRequest("GET", base+"/api/actions/1/turnout", door, "")
	if resp, err := httpClient.Do(req); err == nil {
		jsonDecode(resp.Body, &snap)
		resp.Body.Close()
	}
	if total := p.scans + p.walkins + p.people; snap.Total != total {
		t.Errorf("live total after replay = %d, want %d", snap.Total, total)
	}
}
