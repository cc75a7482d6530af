//go:build linux

package server

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// WebKit's own harness: iPhones run WebKit, so the main browser flows also
// run in Debian's WebKitGTK. WebKitWebDriver speaks W3C WebDriver over HTTP
// and starts MiniBrowser in automation mode; both need an X display, which
// Xvfb provides. Each test gets its own Xvfb, driver and browser, and stops
// them when it ends. Linux only: that is where WebKitGTK is packaged.

// webkitTimeout bounds one WebKit test, processes included.
const webkitTimeout = 2 * time.Minute

// webkitTools are the programs a WebKit test needs.
type webkitTools struct {
	driver, xvfb, browser string
}

// findWebKit finds WebKitWebDriver, Xvfb and MiniBrowser. Under CI a missing
// one fails the test, as chromiumPath does: a browser test never skips
// silently there.
func findWebKit(tb testing.TB) webkitTools {
	tb.Helper()
	var w webkitTools
	var missing []string
	var err error
	if w.driver, err = exec.LookPath("WebKitWebDriver"); err != nil {
		missing = append(missing, "WebKitWebDriver (package webkit2gtk-driver)")
	}
	if w.xvfb, err = exec.LookPath("Xvfb"); err != nil {
		missing = append(missing, "Xvfb (package xvfb)")
	}
	if w.browser = miniBrowserPath(); w.browser == "" {
		missing = append(missing, "MiniBrowser (package libwebkit2gtk-4.1-0)")
	}
	if len(missing) == 0 {
		return w
	}
	msg := "WebKit tests need " + strings.Join(missing, ", ") + "; .ci/deps installs them"
	if os.Getenv("CI") == "true" {
		tb.Fatal(msg)
	}
	tb.Skip(msg)
	return w
}

// miniBrowserPath finds WebKitGTK's MiniBrowser, which Debian keeps out of
// PATH in the library's folder for this machine's architecture.
func miniBrowserPath() string {
	if p, err := exec.LookPath("MiniBrowser"); err == nil {
		return p
	}
	for _, pattern := range []string{
		"/usr/lib/*/webkit2gtk-4.1/MiniBrowser",
		"/usr/lib/*/webkitgtk-6.0/MiniBrowser",
		"/usr/lib/*/webkit2gtk-4.0/MiniBrowser",
		"/usr/libexec/webkit2gtk-4.1/MiniBrowser",
	} {
		if found, _ := filepath.Glob(pattern); len(found) > 0 {
			return found[0]
		}
	}
	return ""
}

// newWebKit starts Xvfb, WebKitWebDriver and a MiniBrowser session for one
// test, bounded by webkitTimeout; cleanup ends the session and the processes.
// The session accepts every certificate (acceptInsecureCerts).
func newWebKit(tb testing.TB) *wkSession {
	tb.Helper()
	return newWebKitSession(tb, true)
}

// newWebKitStrict is newWebKit with a session that accepts no certificate
// it cannot verify, as a phone before its volunteer accepted one.
func newWebKitStrict(tb testing.TB) *wkSession {
	tb.Helper()
	return newWebKitSession(tb, false)
}

func newWebKitSession(tb testing.TB, insecure bool) *wkSession {
	tb.Helper()
	tools := findWebKit(tb)
	ctx, cancel := context.WithTimeout(context.Background(), webkitTimeout)
	tb.Cleanup(cancel)
	display := startXvfb(tb, ctx, tools.xvfb)
	driver, logs := startWebKitDriver(tb, ctx, tools.driver, display)
	s := openWebKitSession(tb, ctx, driver, tools.browser, insecure)
	// WebKit's own: WebKitGTK's driver has no log endpoint, so where the
	// Chromium tests show the page's console, a failing WebKit test shows
	// the page's text (wait) and what the driver and browser printed.
	tb.Cleanup(func() {
		if tb.Failed() {
			tb.Logf("WebKit driver and browser output:\n%s", logs.tail(4000))
		}
	})
	return s
}

// startXvfb starts a virtual X server on a display number it picks itself
// (-displayfd), so parallel tests and other engineers' servers never clash.
func startXvfb(tb testing.TB, ctx context.Context, xvfb string) string {
	tb.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		tb.Fatalf("pipe: %v", err)
	}
	defer r.Close()
	cmd := exec.Command(xvfb, "-displayfd", "3", "-screen", "0", "1280x1024x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	_, err = startGroup(tb, cmd)
	w.Close()
	if err != nil {
		tb.Fatalf("start Xvfb: %v", err)
	}
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case n := <-line:
		if n == "" {
			tb.Fatal("Xvfb exited without a display")
		}
		return ":" + n
	case <-ctx.Done():
		tb.Fatal("Xvfb did not report its display in time")
	}
	return ""
}

// startWebKitDriver starts WebKitWebDriver on a free loopback port and waits
// until it answers. A port taken between choosing and binding is retried.
func startWebKitDriver(tb testing.TB, ctx context.Context, driver, display string) (string, *tailBuffer) {
	tb.Helper()
	logs := &tailBuffer{}
	home := webkitHome(tb)
	for attempt := 0; attempt < 3; attempt++ {
		port := freePort(tb)
		cmd := exec.Command(driver, "--port="+port, "--host=127.0.0.1")
		// MiniBrowser inherits this environment: the display, and caches and
		// settings in a folder of the test rather than the user's.
		cmd.Env = append(os.Environ(), "DISPLAY="+display, "NO_AT_BRIDGE=1",
			"XDG_CACHE_HOME="+home, "XDG_CONFIG_HOME="+home, "XDG_DATA_HOME="+home)
		cmd.Stdout, cmd.Stderr = logs, logs
		exited, err := startGroup(tb, cmd)
		if err != nil {
			tb.Fatalf("start WebKitWebDriver: %v", err)
		}
		base := "http://127.0.0.1:" + port
		if waitDriver(ctx, base, exited) {
			return base, logs
		}
	}
	tb.Fatalf("WebKitWebDriver did not start:\n%s", logs.tail(2000))
	return "", nil
}

// gtkStyle is a GTK style sheet for MiniBrowser's own window, not for the
// page. WebKit's own: MiniBrowser's toolbar holds its window to at least
// 447 px wide; shrunk, the page can be 390 px wide like an iPhone's.
const gtkStyle = `* { font-size: 4px; padding: 0; margin: 0; min-width: 0; min-height: 0; -gtk-icon-transform: scale(0.25); }`

// webkitHome is a folder of the test for MiniBrowser's settings and caches,
// with gtkStyle in it.
func webkitHome(tb testing.TB) string {
	tb.Helper()
	home := tb.TempDir()
	if err := os.MkdirAll(filepath.Join(home, "gtk-3.0"), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, "gtk-3.0", "gtk.css"), []byte(gtkStyle), 0o644); err != nil {
		tb.Fatal(err)
	}
	return home
}

// waitDriver polls the driver's /status until it answers, it exits, or ctx
// ends.
func waitDriver(ctx context.Context, base string, exited <-chan struct{}) bool {
	for {
		req, _ := http.NewRequestWithContext(ctx, "GET", base+"/status", nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
			return resp.StatusCode == http.StatusOK
		}
		select {
		case <-exited:
			return false
		case <-ctx.Done():
			return false
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// freePort asks the kernel for a free loopback port.
func freePort(tb testing.TB) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("listen: %v", err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port
}

// startGroup starts cmd in a process group of its own and, at cleanup, ends
// the whole group: the driver's MiniBrowser and WebKit's web and network
// processes go with it, even when the test failed half-way. The channel
// closes when cmd has exited.
func startGroup(tb testing.TB, cmd *exec.Cmd) (<-chan struct{}, error) {
	tb.Helper()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	pgid := cmd.Process.Pid
	tb.Cleanup(func() {
		syscall.Kill(-pgid, syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
		}
		syscall.Kill(-pgid, syscall.SIGKILL) // stragglers of the group
	})
	return done, nil
}

// tailBuffer keeps the output of the driver and its browser, safe for the
// goroutines exec copies with.
type tailBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *tailBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// tail is the last n bytes written.
func (b *tailBuffer) tail(n int) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.buf.String()
	if len(s) > n {
		s = fmt.Sprintf("…%s", s[len(s)-n:])
	}
	return s
}
