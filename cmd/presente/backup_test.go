package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"presente/server"
	"presente/server/store"
)

// liveServer is the real server on a loopback listener, seeded with one
// action, a door and leaders to scan.
type liveServer struct {
	srv    *server.Server
	url    string
	dir    string
	action int64
	door   string
	codes  []string
}

func startLiveServer(t *testing.T, leaders int) *liveServer {
	t.Helper()
	ctx := context.Background()
	ls := &liveServer{dir: t.TempDir()}
	srv, err := server.New(ctx, server.Config{DataDir: ls.dir})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Shutdown(context.Background()) })
	ls.srv, ls.url = srv, "http://"+ln.Addr().String()
	st := srv.Store()
	ch, _ := st.CreateChapter(ctx, "Durham")
	in, _ := st.CreateInstitution(ctx, ch.ID, "Iglesia San José", "")
	var nl []store.NewLeader
	for i := range leaders {
		nl = append(nl, store.NewLeader{Name: fmt.Sprintf("Líder %d", i), Institution: in.ID})
	}
	refs, err := st.AddLeaders(ctx, nl)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range refs {
		ls.codes = append(ls.codes, r.Code)
	}
	a, _ := st.CreateAction(ctx, store.Action{Name: "Asamblea", Date: "2026-12-12"})
	ls.action = a.ID
	if _, ls.door, err = st.CreateDoor(ctx, a.ID, "Puerta norte"); err != nil {
		t.Fatal(err)
	}
	return ls
}

// scan checks a leader in and reports whether the server acknowledged it.
func (ls *liveServer) scan(client *http.Client, id, code string) bool {
	body, _ := json.Marshal(map[string]string{"id": id, "code": code})
	req, _ := http.NewRequest("POST", fmt.Sprintf("%s/api/actions/%d/checkins", ls.url, ls.action), bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+ls.door)
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusCreated
}

// TestBackupDuringCheckInsHoldsEveryAcknowledgedCheckIn runs "presente
// backup" while four door phones scan as fast as they can; the copy must open,
// pass its integrity check and hold every check-in acknowledged before the
// backup began.
func TestBackupDuringCheckInsHoldsEveryAcknowledgedCheckIn(t *testing.T) {
	ls := startLiveServer(t, 2000)
	sc := &scanners{ls: ls, stop: make(chan struct{})}
	sc.start(4)
	waitFor(t, func() bool { return len(sc.acknowledged()) >= 200 })
	before := sc.acknowledged()
	dest := filepath.Join(t.TempDir(), "copia.db")
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"presente", "backup", dest, "--data", ls.dir},
		func(string) string { return "" }, nil, &out, &errOut)
	close(sc.stop)
	sc.wg.Wait()
	if code != 0 {
		t.Fatalf("backup exited %d: %s", code, errOut.String())
	}
	if st, _ := os.Stat(dest); st.Mode().Perm() != 0o600 {
		t.Errorf("backup permissions %v, want 0600: the roster is sensitive", st.Mode().Perm())
	}
	got := backupCheckIns(t, dest)
	for _, id := range before {
		if !got[id] {
			t.Fatalf("check-in %s was acknowledged before the backup and is missing from it (%d of %d there)", id, len(got), len(before))
		}
	}
	t.Logf("%d check-ins acknowledged before the backup, %d in it, %d acknowledged in all", len(before), len(got), len(sc.acknowledged()))
	if code := run(context.Background(), []string{"presente", "backup", dest, "--data", ls.dir},
		func(string) string { return "" }, nil, &out, &errOut); code == 0 {
		t.Error("a second backup over the same file succeeded; it must refuse to overwrite")
	}
}

// scanners are door phones scanning every leader as fast as they can and
// keeping the ids the server acknowledged.
type scanners struct {
	ls    *liveServer
	stop  chan struct{}
	wg    sync.WaitGroup
	mu    sync.Mutex
	acked []string
}

func (sc *scanners) start(n int) {
	for w := range n {
		sc.wg.Add(1)
		go func() {
			defer sc.wg.Done()
			client := &http.Client{Timeout: 20 * time.Second}
			for i := w; i < len(sc.ls.codes); i += n {
				select {
				case <-sc.stop:
					return
				default:
				}
				id := fmt.Sprintf("scan-%05d", i)
				if sc.ls.scan(client, id, sc.ls.codes[i]) {
					sc.mu.Lock()
					sc.acked = append(sc.acked, id)
					sc.mu.Unlock()
				}
			}
		}()
	}
}

func (sc *scanners) acknowledged() []string {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	return append([]string(nil), sc.acked...)
}

// backupCheckIns opens the copy on its own and returns its check-in ids.
func backupCheckIns(t *testing.T, path string) map[string]bool {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ok string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity check of the backup: %q %v", ok, err)
	}
	rows, err := db.Query(`SELECT client_id FROM checkins WHERE undone_at IS NULL`)
	if err != nil {
		t.Fatalf("read the backup: %v", err)
	}
	defer rows.Close()
	got := map[string]bool{}
	for rows.Next() {
		var id string
		rows.Scan(&id)
		got[id] = true
	}
	return got
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
