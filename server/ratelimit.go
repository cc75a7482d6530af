package server

import (
	"crypto/sha256"
	"strings"
	"sync"
	"time"
)

// Login throttling. Two limits, and neither can be used to lock someone else
// out from their own device:
//
//   - per name and address: five wrong passwords are free, then each further
//     one doubles a lockout (2 s, 4 s, 8 s... up to 15 minutes) for that name
//     from that address only; a success clears it. Someone guessing Ana's
//     password locks out their own machine, never Ana on hers.
//   - per address: a token bucket of 20 attempts, one back every 6 seconds,
//     bounds how fast one machine can try names. Successful sign-ins give
//     their token back, so a church hall behind one router is not slowed by
//     organizers who type their password right.
//
// Memory is bounded whatever is typed: a name and address are kept as a
// 32-byte hash, each table holds at most maxEntries (about a megabyte), and
// idle entries are swept every minute.
const (
	freeFailures = 5
	firstLockout = 2 * time.Second
	maxLockout   = 15 * time.Minute
	addrBurst    = 20
	addrRefill   = 6 * time.Second
	forgetAfter  = 24 * time.Hour
	maxEntries   = 10_000
	sweepEvery   = time.Minute
)

// pairKey is the hash of a folded name and an address.
type pairKey [sha256.Size]byte

type loginLimiter struct {
	mu   sync.Mutex
	now  func() time.Time
	addr map[string]*bucket
	pair map[pairKey]*backoff
}

type bucket struct {
	tokens float64
	last   time.Time
}

type backoff struct {
	failures int
	until    time.Time
	last     time.Time
}

func newLoginLimiter(now func() time.Time) *loginLimiter {
	return &loginLimiter{now: now, addr: map[string]*bucket{}, pair: map[pairKey]*backoff{}}
}

func keyOf(name, addr string) pairKey {
	return sha256.Sum256([]byte(strings.ToLower(strings.TrimSpace(name)) + "\x00" + addr))
}

// begin asks to try a password: it returns 0 and takes a token from the
// address, or how long to wait.
func (l *loginLimiter) begin(name, addr string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if p := l.pair[keyOf(name, addr)]; p != nil && now.Before(p.until) {
		return p.until.Sub(now)
	}
	b := l.bucket(addr, now)
	if b.tokens < 1 {
		return time.Duration((1 - b.tokens) * float64(addrRefill))
	}
	b.tokens--
	return 0
}

// bucket returns the address's bucket, refilled for the time passed.
func (l *loginLimiter) bucket(addr string, now time.Time) *bucket {
	b := l.addr[addr]
	if b == nil {
		makeRoom(l.addr, func(b *bucket) bool { return now.Sub(b.last) > addrBurst*addrRefill })
		b = &bucket{tokens: addrBurst, last: now}
		l.addr[addr] = b
	}
	b.tokens = min(addrBurst, b.tokens+float64(now.Sub(b.last))/float64(addrRefill))
	b.last = now
	return b
}

// failed records a wrong password after begin.
func (l *loginLimiter) failed(name, addr string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	key := keyOf(name, addr)
	p := l.pair[key]
	if p == nil {
		makeRoom(l.pair, func(p *backoff) bool { return !now.Before(p.until) })
		p = &backoff{}
		l.pair[key] = p
	}
	p.failures++
	p.last = now
	if n := p.failures - freeFailures; n >= 0 {
		p.until = now.Add(lockout(n))
	}
}

func lockout(n int) time.Duration {
	if n >= 20 {
		return maxLockout
	}
	return min(maxLockout, firstLockout<<n)
}

// succeeded clears the name's failures from the address and gives back the
// token begin took.
func (l *loginLimiter) succeeded(name, addr string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.pair, keyOf(name, addr))
	l.refund(addr)
}

// refund gives back begin's token when no password was checked.
func (l *loginLimiter) refund(addr string) {
	if b := l.addr[addr]; b != nil {
		b.tokens = min(addrBurst, b.tokens+1)
	}
}

// makeRoom frees a tenth of a full table before an entry is added: first
// entries that no longer hold anyone back, then any. A flood of addresses
// may so shorten a lockout, never grow memory.
func makeRoom[K comparable, V any](m map[K]V, over func(V) bool) {
	if len(m) < maxEntries {
		return
	}
	free := len(m) - maxEntries + maxEntries/10
	for _, anyOne := range []bool{false, true} {
		for k, v := range m {
			if free == 0 {
				return
			}
			if anyOne || over(v) {
				delete(m, k)
				free--
			}
		}
	}
}

// sweep forgets entries idle long enough that they hold nobody back.
func (l *loginLimiter) sweep(now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for k, p := range l.pair {
		if now.Sub(p.last) > forgetAfter && now.After(p.until) {
			delete(l.pair, k)
		}
	}
	for k, b := range l.addr {
		if now.Sub(b.last) > addrBurst*addrRefill {
			delete(l.addr, k)
		}
	}
}

// expire sweeps every so often until quit is closed.
func (l *loginLimiter) expire(quit <-chan struct{}, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-quit:
			return
		case <-t.C:
			l.sweep(l.now())
		}
	}
}
