package server

import (
	"context"
	"errors"
	"sync"
	"time"

	"presente/server/store"
)

// Live WebSockets are capped per credential, so one leaked display link
// cannot hold a thousand connections, and per address, this machine
// included. The defaults are what a projector room needs: a few screens per
// display link, a hall's dashboards behind one router. A socket lives only
// as long as its credential: a revoked door or display, or a session signed
// out or expired, loses its sockets within checkEvery, also when the
// revocation came from another process (the shell).
const (
	DefaultSocketsPerToken   = 20
	DefaultSocketsPerAddress = 200
	checkEvery               = 2 * time.Second
)

// liveSockets counts the open live sockets per credential and per address.
type liveSockets struct {
	mu       sync.Mutex
	perToken int
	perAddr  int
	byCred   map[string]*credSockets // by the credential's hash
	byAddr   map[string]int
	wake     chan struct{}
}

// credSockets are the open sockets of one credential, and the credential,
// to check again that it holds.
type credSockets struct {
	secret string
	cookie bool
	open   map[*liveSocket]struct{}
}

// liveSocket is one open live socket; ended is closed when its credential
// no longer holds.
type liveSocket struct {
	cred, addr string
	ended      chan struct{}
}

// socketClaim is what liveUpgrade hands the socket: who opened it, from where.
type socketClaim struct {
	who  caller
	addr string
}

func newLiveSockets(perToken, perAddr int) *liveSockets {
	if perToken <= 0 {
		perToken = DefaultSocketsPerToken
	}
	if perAddr <= 0 {
		perAddr = DefaultSocketsPerAddress
	}
	return &liveSockets{perToken: perToken, perAddr: perAddr, byCred: map[string]*credSockets{},
		byAddr: map[string]int{}, wake: make(chan struct{}, 1)}
}

// full names the cap one more socket would pass: "token", "address" or "".
func (l *liveSockets) full(claim socketClaim) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.fullLocked(store.HashToken(claim.who.secret), claim.addr)
}

func (l *liveSockets) fullLocked(cred, addr string) string {
	if cs := l.byCred[cred]; cs != nil && len(cs.open) >= l.perToken {
		return "token"
	}
	if l.byAddr[addr] >= l.perAddr {
		return "address"
	}
	return ""
}

// open counts a socket in, unless a cap was reached since full said yes.
func (l *liveSockets) open(claim socketClaim) (*liveSocket, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	cred := store.HashToken(claim.who.secret)
	if l.fullLocked(cred, claim.addr) != "" {
		return nil, false
	}
	cs := l.byCred[cred]
	if cs == nil {
		cs = &credSockets{secret: claim.who.secret, cookie: claim.who.role == roleOrganizer, open: map[*liveSocket]struct{}{}}
		l.byCred[cred] = cs
	}
	s := &liveSocket{cred: cred, addr: claim.addr, ended: make(chan struct{})}
	cs.open[s] = struct{}{}
	l.byAddr[claim.addr]++
	return s, true
}

// close counts a socket out.
func (l *liveSockets) close(s *liveSocket) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if cs := l.byCred[s.cred]; cs != nil {
		delete(cs.open, s)
		if len(cs.open) == 0 {
			delete(l.byCred, s.cred)
		}
	}
	if l.byAddr[s.addr]--; l.byAddr[s.addr] <= 0 {
		delete(l.byAddr, s.addr)
	}
}

// end ends the sockets of a credential; each counts itself out as it closes.
func (l *liveSockets) end(cred string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	cs := l.byCred[cred]
	if cs == nil {
		return
	}
	for s := range cs.open {
		select {
		case <-s.ended:
		default:
			close(s.ended)
		}
	}
}

// held lists the credentials with open sockets, by their hash.
func (l *liveSockets) held() map[string]credSockets {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make(map[string]credSockets, len(l.byCred))
	for k, cs := range l.byCred {
		out[k] = credSockets{secret: cs.secret, cookie: cs.cookie}
	}
	return out
}

// checkSoon asks for every credential to be checked now: one was just
// revoked or signed out.
func (l *liveSockets) checkSoon() {
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

// watchSockets checks the credentials of the open sockets every checkEvery,
// and when asked, until the server shuts down.
func (s *Server) watchSockets() {
	t := time.NewTicker(checkEvery)
	defer t.Stop()
	for {
		select {
		case <-s.quit:
			return
		case <-t.C:
		case <-s.sockets.wake:
		}
		s.checkSockets()
	}
}

// checkSockets ends the sockets of every credential that no longer holds.
// A failure to look (the database busy) ends nothing.
func (s *Server) checkSockets() {
	for cred, cs := range s.sockets.held() {
		ctx, cancel := context.WithTimeout(context.Background(), checkEvery)
		_, err := s.holderOf(ctx, cs.secret, cs.cookie)
		cancel()
		if errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrDoorRevoked) ||
			errors.Is(err, store.ErrDisplayRevoked) || errors.Is(err, errUnauthorized) {
			s.sockets.end(cred)
		}
	}
}
