package main

import (
	"bufio"
	"database/sql"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"
)

// child is the server running as a separate process (this test binary
// standing in for presente), so it can be killed for real.
type child struct {
	cmd        *exec.Cmd
	mu         sync.Mutex
	base, door string
	lines      []string // what it printed
}

// startChild starts the server process and waits until it printed its
// address and, with wantDoor, the demo's door token.
func startChild(tb testing.TB, wantDoor bool, args ...string) *child {
	tb.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "PRESENTE_TEST_MAIN=1")
	stdout, _ := cmd.StdoutPipe()
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		tb.Fatalf("start server: %v", err)
	}
	c := &child{cmd: cmd}
	tb.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	go c.scan(stdout)
	go c.scan(stderr)
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		c.mu.Lock()
		ready := c.base != "" && (c.door != "" || !wantDoor)
		c.mu.Unlock()
		if ready {
			return c
		}
	}
	tb.Fatal("server did not say where it listens")
	return nil
}

var (
	addrRe = regexp.MustCompile(`(?:running at |http=)(http://[0-9.:]+)`)
	doorRe = regexp.MustCompile(`Door token:\s+(door_\w+)`)
)

func (c *child) scan(r io.Reader) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		c.mu.Lock()
		c.lines = append(c.lines, sc.Text())
		if m := doorRe.FindStringSubmatch(sc.Text()); m != nil {
			c.door = m[1]
		}
		if m := addrRe.FindStringSubmatch(sc.Text()); m != nil && c.base == "" {
			c.base = m[1]
		}
		c.mu.Unlock()
	}
}

// said waits up to d for a line the process printed that holds s.
func (c *child) said(tb testing.TB, s string, d time.Duration) string {
	tb.Helper()
	for deadline := time.Now().Add(d); ; time.Sleep(20 * time.Millisecond) {
		c.mu.Lock()
		for _, l := range c.lines {
			if strings.Contains(l, s) {
				c.mu.Unlock()
				return l
			}
		}
		c.mu.Unlock()
		if time.Now().After(deadline) {
			tb.Fatalf("the server did not say %q within %v", s, d)
		}
	}
}

// TestKillLosesNoAcknowledgedCheckIn kills the server with SIGKILL while
// doors are checking in, restarts it, and finds every acknowledged check-in;
// then the doors replay everything they sent, and nothing counts twice.
func TestKillLosesNoAcknowledgedCheckIn(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills server processes")
	}
	data := t.TempDir()
	srv := startChild(t, true, "demo", "--data", data, "--http", "127.0.0.1:0")
	codes := rosterCodes(t, data)
	var acked sync.Map
	var sent, nAcked atomic.Int64
	var wg sync.WaitGroup
	for w := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(codes); i += 16 {
				id := fmt.Sprintf("kill-%06d", i)
				sent.Add(1)
				body := fmt.Sprintf(`{"id":%q,"code":%q}`, id, codes[i])
				if status := tryPost(srv.base+"/api/actions/1/checkins", srv.door, body); status == 0 {
					return // the server is gone
				} else if status == 201 {
					acked.Store(id, codes[i])
					nAcked.Add(1)
				}
			}
		}()
	}
	for nAcked.Load() < 200 {
		time.Sleep(5 * time.Millisecond)
	}
	srv.cmd.Process.Kill() // SIGKILL: no shutdown, no flush
	srv.cmd.Wait()
	wg.Wait()
	ackedIDs := map[string]bool{}
	acked.Range(func(k, _ any) bool { ackedIDs[k.(string)] = true; return true })
	stored := storedCheckIns(t, data)
	for id := range ackedIDs {
		if !stored[id] {
			t.Errorf("acknowledged check-in %s is missing after SIGKILL", id)
		}
	}
	t.Logf("sent %d, acknowledged %d, stored %d before the kill", sent.Load(), len(ackedIDs), len(stored))
	replayAll(t, data, codes, int(sent.Load()))
}

// replayAll restarts the server and replays every id a door sent (as phones
// do with their outbox): each leader counts exactly once.
func replayAll(t *testing.T, data string, codes []string, sent int) {
	srv := startChild(t, false, "serve", "--data", data, "--http", "127.0.0.1:0")
	door := strings.TrimSpace(mustRun(t, "door", "add", "--data", data, "--action", "1", "--name", "Replay"))
	for i := 0; i < len(codes) && i < sent+16; i++ {
		body := fmt.Sprintf(`{"id":"kill-%06d","code":%q}`, i, codes[i])
		if status := tryPost(srv.base+"/api/actions/1/checkins", door, body); status != 201 && status != 200 {
			t.Fatalf("replay kill-%06d = %d", i, status)
		}
	}
	var leaders, rows int
	db := openDB(t, data)
	defer db.Close()
	db.QueryRow(`SELECT count(DISTINCT leader_id), count(*) FROM checkins WHERE action_id = 1 AND undone_at IS NULL`).Scan(&leaders, &rows)
	if leaders != rows {
		t.Errorf("after replay %d check-ins for %d leaders: something counted twice", rows, leaders)
	}
}

func tryPost(url, token, body string) int {
	req, _ := newRequest("POST", url, token, body)
	resp, err := httpClient.Do(req)
	if err != nil {
		return 0
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

func rosterCodes(tb testing.TB, data string) []string {
	var codes []string
	for _, row := range exportRoster(tb, data) {
		codes = append(codes, row["code"])
	}
	return codes
}

func openDB(tb testing.TB, data string) *sql.DB {
	tb.Helper()
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(data, "presente.db")+"?mode=ro")
	if err != nil {
		tb.Fatal(err)
	}
	return db
}

func storedCheckIns(tb testing.TB, data string) map[string]bool {
	tb.Helper()
	db := openDB(tb, data)
	defer db.Close()
	rows, err := db.Query(`SELECT client_id FROM checkins`)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		rows.Scan(&id)
		out[id] = true
	}
	return out
}

func mustRun(tb testing.TB, args ...string) string {
	tb.Helper()
	code, out, errOut := runCmd(tb, "", args...)
	if code != 0 {
		tb.Fatalf("presente %v = %d: %s", args, code, errOut)
	}
	return out
}
