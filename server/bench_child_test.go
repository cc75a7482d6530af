package server

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestBenchChild is not a test of its own: the benchmark runs this test
// binary again with PRESENTE_BENCH_CHILD set, to serve from a separate
// process whose memory is its own. It serves until its stdin closes.
func TestBenchChild(t *testing.T) {
	kind := os.Getenv("PRESENTE_BENCH_CHILD")
	if kind == "" {
		t.Skip("run by the benchmark as a server process")
	}
	raiseOpenFiles(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	switch kind {
	case "presente":
		cfg := roomyConfig()
		cfg.DataDir = os.Getenv("PRESENTE_BENCH_DIR")
		srv, err := New(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		if err := srv.Store().Ready(context.Background()); err != nil { // loads start from a warm writer
			t.Fatal(err)
		}
		go srv.Serve(ln)
		defer srv.Shutdown(context.Background())
	case "bare":
		size, _ := strconv.Atoi(os.Getenv("PRESENTE_BENCH_SIZE"))
		defer startBare(ln, size).Close()
	case "minimal":
		defer startMinimal(t, ln, os.Getenv("PRESENTE_BENCH_DIR")).Close()
	default:
		t.Fatalf("unknown child %q", kind)
	}
	stats := serveStats(t)
	fmt.Printf("bench-child http=http://%s stats=http://%s\n", ln.Addr(), stats)
	io.Copy(io.Discard, os.Stdin)
}

// childStats is a server process's memory after a collection.
type childStats struct {
	RSSKB      int           `json:"rss_kb"`
	HeapInuse  uint64        `json:"heap_inuse"`
	StackInuse uint64        `json:"stack_inuse"`
	Goroutines int           `json:"goroutines"`
	CPU        time.Duration `json:"cpu"` // user + system time so far
}

// processCPU is the user and system time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// serveStats answers GET /stats, and the runtime's profiles under
// /debug/pprof/, on a listener of its own.
func serveStats(t *testing.T) net.Addr {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /debug/pprof/{name}", func(w http.ResponseWriter, r *http.Request) {
		pprof.Handler(r.PathValue("name")).ServeHTTP(w, r)
	})
	mux.HandleFunc("GET /stats", func(w http.ResponseWriter, r *http.Request) {
		cpu := processCPU() // before the collection, which is not the server's work
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		rss, _ := processKB(0, "VmRSS")
		json.NewEncoder(w).Encode(childStats{RSSKB: rss, HeapInuse: ms.HeapInuse, StackInuse: ms.StackInuse,
			Goroutines: runtime.NumGoroutine(), CPU: cpu})
	})
	go http.Serve(ln, mux)
	return ln.Addr()
}

// benchChild is a server process started by the benchmark.
type benchChild struct {
	cmd        *exec.Cmd
	URL, stats string
}

var childRe = regexp.MustCompile(`bench-child http=(\S+) stats=(\S+)`)

// startChild runs this test binary as a server of the given kind and waits
// until it says where it listens. With PRESENTE_BENCH_PROFILE=DIR, the
// child writes its CPU and memory profiles there.
func startChild(t *testing.T, kind string, env ...string) *benchChild {
	t.Helper()
	args := []string{"-test.run=^TestBenchChild$", "-test.count=1"}
	if dir := os.Getenv("PRESENTE_BENCH_PROFILE"); dir != "" {
		name := filepath.Join(dir, kind+"-"+strings.ReplaceAll(t.Name(), "/", "-"))
		args = append(args, "-test.cpuprofile="+name+".prof", "-test.memprofile="+name+".mem")
	}
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), append(env, "PRESENTE_BENCH_CHILD="+kind)...)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s server: %v", kind, err)
	}
	c := &benchChild{cmd: cmd}
	t.Cleanup(func() { c.stop(stdin) })
	found := make(chan []string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := childRe.FindStringSubmatch(sc.Text()); m != nil {
				found <- m
			}
		}
	}()
	select {
	case m := <-found:
		c.URL, c.stats = m[1], m[2]
	case <-time.After(time.Minute):
		t.Fatalf("%s server did not start", kind)
	}
	return c
}

// stop closes the child's stdin, which ends it, and kills it if it lingers.
func (c *benchChild) stop(stdin io.Closer) {
	stdin.Close()
	done := make(chan struct{})
	go func() { c.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		c.cmd.Process.Kill()
		<-done
	}
}

// memory asks the child for its memory after a collection.
func (c *benchChild) memory(t *testing.T) childStats {
	t.Helper()
	resp, err := http.Get(c.stats + "/stats")
	if err != nil {
		t.Fatalf("child stats: %v", err)
	}
	defer resp.Body.Close()
	var s childStats
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
		t.Fatalf("child stats: %v", err)
	}
	return s
}
