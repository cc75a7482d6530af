package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// TestSigtermFinishesInFlightWrites stops the server with SIGTERM while
// doors check in: it exits cleanly, and every acknowledged check-in is kept.
func TestSigtermFinishesInFlightWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("starts server processes")
	}
	data := t.TempDir()
	srv := startChild(t, true, "demo", "--data", data, "--http", "127.0.0.1:0")
	codes := rosterCodes(t, data)
	var acked sync.Map
	var n atomic.Int64
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(codes); i += 8 {
				id := fmt.Sprintf("term-%06d", i)
				body := fmt.Sprintf(`{"id":%q,"code":%q}`, id, codes[i])
				status := tryPost(srv.base+"/api/actions/1/checkins", srv.door, body)
				if status == 0 {
					return
				}
				if status == 201 {
					acked.Store(id, true)
					n.Add(1)
				}
			}
		}()
	}
	for n.Load() < 100 {
		time.Sleep(5 * time.Millisecond)
	}
	srv.cmd.Process.Signal(syscall.SIGTERM)
	exited := make(chan error, 1)
	go func() { exited <- srv.cmd.Wait() }()
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("server exit after SIGTERM: %v, want a clean exit", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("server did not stop within 30 s of SIGTERM")
	}
	wg.Wait()
	stored := storedCheckIns(t, data)
	acked.Range(func(k, _ any) bool {
		if !stored[k.(string)] {
			t.Errorf("acknowledged %s missing after SIGTERM", k)
		}
		return true
	})
}
