package main

import (
	"context"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
)

// launched is presente started with no command, as a separate process with
// its own HOME, as a double-click starts it.
type launched struct {
	cmd           *exec.Cmd
	out           *lockedBuffer
	local, phones string // the origins it printed, for this machine and for phones
	data          string // the data folder it printed
	opened        string // the file the fake browser writes the URL it was asked to open to
	exited        chan error
}

// launch starts this test binary as presente with no command, HOME and
// XDG_DATA_HOME in home, and a browser that only notes what it was asked to
// open (on Linux, where the opener is xdg-open).
func launch(tb testing.TB, home string) *launched {
	tb.Helper()
	l := &launched{out: &lockedBuffer{}, exited: make(chan error, 1), opened: filepath.Join(home, "opened.txt")}
	bin := filepath.Join(home, "bin")
	os.MkdirAll(bin, 0o755)
	os.WriteFile(filepath.Join(bin, "xdg-open"), []byte("#!/bin/sh\necho \"$1\" >> '"+l.opened+"'\n"), 0o755)
	l.cmd = exec.Command(os.Args[0])
	l.cmd.Env = append(envWithout("PRESENTE_", "HOME=", "XDG_DATA_HOME=", "PATH="), "PRESENTE_TEST_MAIN=1",
		"HOME="+home, "XDG_DATA_HOME="+filepath.Join(home, "xdg"), "PATH="+bin, "PRESENTE_HTTP=127.0.0.1:0")
	if runtime.GOOS != "linux" {
		l.cmd.Env = append(l.cmd.Env, "PRESENTE_OPEN=no")
	}
	l.cmd.Stdout, l.cmd.Stderr = l.out, io.Discard
	if err := l.cmd.Start(); err != nil {
		tb.Fatalf("start presente: %v", err)
	}
	go func() { l.exited <- l.cmd.Wait() }()
	tb.Cleanup(func() { l.cmd.Process.Kill(); <-l.exited })
	l.waitForWelcome(tb)
	return l
}

var (
	localRe  = regexp.MustCompile(`On this computer:\s+(http://\S+)/`)
	phonesRe = regexp.MustCompile(`Door phones:\s+(https://\S+)/`)
	dataRe   = regexp.MustCompile(`Data folder:\s+(.+)`)
)

func (l *launched) waitForWelcome(tb testing.TB) {
	tb.Helper()
	deadline := time.After(60 * time.Second)
	for {
		out := l.out.String()
		if strings.Contains(out, "Ctrl+C") {
			l.local, l.phones = match(localRe, out), match(phonesRe, out)
			l.data = strings.TrimSpace(match(dataRe, out))
			return
		}
		select {
		case err := <-l.exited:
			tb.Fatalf("presente exited early (%v): %s", err, out)
		case <-deadline:
			tb.Fatalf("presente printed no welcome: %s", out)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// stop interrupts presente, as Ctrl+C does, and waits for it to exit.
func (l *launched) stop(tb testing.TB) {
	tb.Helper()
	l.cmd.Process.Signal(os.Interrupt)
	select {
	case err := <-l.exited:
		if err != nil {
			tb.Errorf("presente exited with %v after Ctrl+C", err)
		}
		l.exited <- err // for the cleanup
	case <-time.After(30 * time.Second):
		tb.Fatalf("presente did not stop on Ctrl+C")
	}
}

// openedURLs is what presente asked the browser to open.
func (l *launched) openedURLs(tb testing.TB) []string {
	tb.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if b, err := os.ReadFile(l.opened); err == nil && len(b) > 0 {
			return strings.Fields(string(b))
		}
	}
	return nil
}

func match(re *regexp.Regexp, s string) string {
	if m := re.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return ""
}

// envWithout is this process's environment without the variables that
// start with any of prefixes.
func envWithout(prefixes ...string) []string {
	var out []string
	for _, kv := range os.Environ() {
		keep := true
		for _, p := range prefixes {
			keep = keep && !strings.HasPrefix(kv, p)
		}
		if keep {
			out = append(out, kv)
		}
	}
	return out
}

// TestLaunchFirstRun is a double-click on a fresh machine: presente with no
// command serves from the user's data folder, says where, and opens the
// browser at the first-run page, which makes the first organizer once and
// answers no other device. Started again, it opens the console instead.
func TestLaunchFirstRun(t *testing.T) {
	if testing.Short() {
		t.Skip("starts presente as a separate process")
	}
	home := t.TempDir()
	l := launch(t, home)
	want := filepath.Join(home, "xdg", "presente")
	if l.data != want {
		t.Errorf("data folder printed %q, want %q", l.data, want)
	}
	if _, err := os.Stat(filepath.Join(want, "presente.db")); err != nil {
		t.Errorf("no database in the user's data folder: %v", err)
	}
	for _, words := range []string{"Presente está funcionando", "Presente is running", "Primera vez", "First run", "Para detener", "To stop"} {
		if !strings.Contains(l.out.String(), words) {
			t.Errorf("the welcome lacks %q: %s", words, l.out.String())
		}
	}
	if runtime.GOOS == "linux" {
		if got := l.openedURLs(t); len(got) != 1 || got[0] != l.local+"/setup/" {
			t.Errorf("the browser was asked to open %v, want %s/setup/", got, l.local)
		}
	}
	checkSetupOnlyHere(t, l)
	setup := `{"network":"Carolina Unida","name":"maria","password":"a long enough password"}`
	if status := send(t, http.DefaultClient, "POST", l.local+"/setup/network", setup); status != 201 {
		t.Fatalf("first run = %d, want 201", status)
	}
	if status := send(t, http.DefaultClient, "POST", l.local+"/api/session", `{"name":"maria","password":"a long enough password"}`); status != 200 {
		t.Errorf("the first organizer signs in: %d, want 200", status)
	}
	again := `{"network":"Otra","name":"pedro","password":"a long enough password"}`
	if status := send(t, http.DefaultClient, "POST", l.local+"/setup/network", again); status != 409 {
		t.Errorf("second first run = %d, want 409", status)
	}
	checkSecondDoubleClick(t, l)
	l.stop(t)

	os.Remove(l.opened)
	l2 := launch(t, home)
	if strings.Contains(l2.out.String(), "Primera vez") {
		t.Errorf("the second start offers the first run again: %s", l2.out.String())
	}
	if runtime.GOOS == "linux" {
		if got := l2.openedURLs(t); len(got) != 1 || got[0] != l2.local+"/console/" {
			t.Errorf("the second start opened %v, want %s/console/", got, l2.local)
		}
	}
}

// checkSetupOnlyHere: the first-run page answers this machine, and no other
// device over plain HTTP or HTTPS; 127.0.0.2 stands in for a phone.
func checkSetupOnlyHere(t *testing.T, l *launched) {
	t.Helper()
	phone := clientFrom(net.IPv4(127, 0, 0, 2))
	if status := send(t, http.DefaultClient, "GET", l.local+"/setup/", ""); status != 200 {
		t.Errorf("this machine: GET /setup/ = %d, want 200", status)
	}
	if status := send(t, phone, "GET", l.local+"/setup/", ""); status == 200 {
		t.Errorf("a phone over plain HTTP: GET /setup/ = 200")
	}
	if l.phones == "" {
		t.Fatalf("no HTTPS address printed: %s", l.out.String())
	}
	for _, path := range []string{"/setup/", "/setup/state"} {
		if status := send(t, phone, "GET", l.phones+path, ""); status != 404 {
			t.Errorf("a phone over HTTPS: GET %s = %d, want 404", path, status)
		}
	}
	if status := send(t, phone, "POST", l.phones+"/setup/network", `{"network":"X","name":"intruso","password":"a long enough password"}`); status != 404 {
		t.Errorf("a phone over HTTPS: POST /setup/network = %d, want 404", status)
	}
}

// clientFrom connects from ip and accepts any certificate: it stands in for
// a phone that accepted the self-signed one.
func clientFrom(ip net.IP) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: ip}, Timeout: 5 * time.Second}
	return &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DialContext: d.DialContext,
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true}},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func send(tb testing.TB, c *http.Client, method, url, body string) int {
	tb.Helper()
	req, _ := http.NewRequestWithContext(context.Background(), method, url, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, url, err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// checkSecondDoubleClick: presente started again while it runs finds the
// first one, opens the browser on its console and exits.
func checkSecondDoubleClick(t *testing.T, l *launched) {
	t.Helper()
	os.Remove(l.opened)
	second := exec.Command(os.Args[0])
	second.Env = append(l.cmd.Env, "PRESENTE_HTTP="+strings.TrimPrefix(l.local, "http://"))
	out, err := second.Output()
	if err != nil || !strings.Contains(string(out), "already running") {
		t.Fatalf("second start: %v %s, want it to find the first and exit", err, out)
	}
	if runtime.GOOS == "linux" {
		if got := l.openedURLs(t); len(got) != 1 || got[0] != l.local+"/console/" {
			t.Errorf("the second start opened %v, want %s/console/", got, l.local)
		}
	}
}
