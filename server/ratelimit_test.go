package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"testing"
	"time"
)

type limiterClock struct{ t time.Time }

func (c *limiterClock) now() time.Time      { return c.t }
func (c *limiterClock) add(d time.Duration) { c.t = c.t.Add(d) }
func tryLogin(l *loginLimiter, name, addr string) bool {
	if l.begin(name, addr) > 0 {
		return false
	}
	l.failed(name, addr)
	return true
}

func TestLoginLimiterBacksOffPerNameAndAddress(t *testing.T) {
	clock := &limiterClock{t: time.Unix(1_800_000_000, 0)}
	l := newLoginLimiter(clock.now)
	for i := range freeFailures {
		if !tryLogin(l, "ana", "10.0.0.9") {
			t.Fatalf("attempt %d refused; the first %d are free", i+1, freeFailures)
		}
	}
	for _, wait := range []time.Duration{2 * time.Second, 4 * time.Second, 8 * time.Second} {
		if got := l.begin("ANA ", "10.0.0.9"); got != wait {
			t.Fatalf("lockout %s, want %s", got, wait)
		}
		if l.begin("ana", "10.0.0.7") != 0 || l.begin("beto", "10.0.0.9") != 0 {
			t.Fatalf("the lockout reached another address or another name")
		}
		l.succeeded("ana", "10.0.0.7")
		l.succeeded("beto", "10.0.0.9")
		clock.add(wait)
		if !tryLogin(l, "ana", "10.0.0.9") {
			t.Fatalf("refused after waiting %s", wait)
		}
	}
	clock.add(time.Hour)
	if l.begin("ana", "10.0.0.9") != 0 {
		t.Fatal("refused after an hour")
	}
	l.succeeded("ana", "10.0.0.9")
	if l.begin("ana", "10.0.0.9") != 0 {
		t.Error("a success did not clear the failures")
	}
	if got := lockout(40); got != maxLockout {
		t.Errorf("lockout(40) = %s, want the %s cap", got, maxLockout)
	}
}

func TestLoginLimiterBoundsOneAddress(t *testing.T) {
	clock := &limiterClock{t: time.Unix(1_800_000_000, 0)}
	l := newLoginLimiter(clock.now)
	for i := range addrBurst {
		if !tryLogin(l, fmt.Sprintf("name%d", i), "10.0.0.9") {
			t.Fatalf("attempt %d refused; the bucket holds %d", i+1, addrBurst)
		}
	}
	if wait := l.begin("another", "10.0.0.9"); wait <= 0 || wait > addrRefill {
		t.Fatalf("attempt past the bucket: wait %s, want up to %s", wait, addrRefill)
	}
	if l.begin("another", "10.0.0.8") != 0 {
		t.Fatal("another address was slowed down")
	}
	clock.add(addrRefill)
	if !tryLogin(l, "another", "10.0.0.9") {
		t.Fatal("no token back after the refill time")
	}
}

// signInFrom signs in from a chosen loopback address, as another machine.
func signInFrom(t *testing.T, ts *testServer, from, name, password string) (int, http.Header) {
	t.Helper()
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}}
	client := &http.Client{Transport: &http.Transport{DialContext: dialer.DialContext}}
	body, _ := json.Marshal(map[string]string{"name": name, "password": password})
	resp, err := client.Post(ts.URL+"/api/session", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("sign in from %s: %v", from, err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, resp.Header
}

// TestSignInThrottledWithoutLockingOthersOut: someone guessing Ana's password
// from one machine is locked out there, even with the right password, while
// Ana signs in from hers.
func TestSignInThrottledWithoutLockingOthersOut(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	const attacker, ana = "127.0.0.3", "127.0.0.4"
	for i := range freeFailures {
		if st, _ := signInFrom(t, ts, attacker, f.Organizer, "wrong password"); st != 401 {
			t.Fatalf("wrong password %d: %d, want 401", i+1, st)
		}
	}
	st, h := signInFrom(t, ts, attacker, f.Organizer, f.Password)
	if retry, _ := strconv.Atoi(h.Get("Retry-After")); st != 429 || retry < 1 {
		t.Fatalf("after %d wrong passwords: %d Retry-After %q, want 429 and a wait", freeFailures, st, h.Get("Retry-After"))
	}
	if st, _ := signInFrom(t, ts, ana, f.Organizer, f.Password); st != 200 {
		t.Fatalf("Ana from her own machine: %d, want 200", st)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		st, _ := signInFrom(t, ts, attacker, f.Organizer, f.Password)
		if st == 200 {
			break
		}
		if st != 429 || time.Now().After(deadline) {
			t.Fatalf("after the lockout: %d, want 200 in time", st)
		}
		time.Sleep(250 * time.Millisecond)
	}
}

func TestSignInFromAnotherSiteRefused(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	body, _ := json.Marshal(map[string]string{"name": f.Organizer, "password": f.Password})
	req, _ := http.NewRequest("POST", ts.URL+"/api/session", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", "http://evil.example")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 || resp.Header.Get("Set-Cookie") != "" {
		t.Errorf("sign-in posted from another site: %d, cookie %q; want 403 and no cookie",
			resp.StatusCode, resp.Header.Get("Set-Cookie"))
	}
}

// TestLoginLimiterForgetsOnItsOwn: an idle entry is forgotten by the next
// sweep, however few entries there are.
func TestLoginLimiterForgetsOnItsOwn(t *testing.T) {
	clock := &limiterClock{t: time.Unix(1_800_000_000, 0)}
	l := newLoginLimiter(clock.now)
	tryLogin(l, "ana", "10.0.0.9")
	clock.add(forgetAfter + time.Minute)
	l.sweep(clock.now())
	if n := len(l.pair) + len(l.addr); n != 0 {
		t.Errorf("%d entries kept after %s idle, want none", n, forgetAfter)
	}
}

// TestLoginLimiterBoundsItsTable: a flood of names from many addresses
// keeps no more than the table holds.
func TestLoginLimiterBoundsItsTable(t *testing.T) {
	clock := &limiterClock{t: time.Unix(1_800_000_000, 0)}
	l := newLoginLimiter(clock.now)
	for i := range 3 * maxEntries {
		tryLogin(l, fmt.Sprintf("name%d", i), fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255))
	}
	if len(l.pair) > maxEntries || len(l.addr) > maxEntries {
		t.Errorf("%d name entries and %d address entries, want at most %d each", len(l.pair), len(l.addr), maxEntries)
	}
}
