package server

import (
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
)

// The security log: what an organizer should know someone tried. Each event
// is a WARN line in the server's log, with the caller's address and the
// path, and is kept in a small ring that the live view shows. Never a
// secret: no token, password, cookie, typed name or query string.
const (
	evSignInFailed    = "signin_failed"    // a wrong name or password, or one too long
	evSignInThrottled = "signin_throttled" // a sign-in refused by the lockout
	evCSRF            = "csrf_refused"     // an organizer's write without its CSRF token
	evOrigin          = "origin_refused"   // a sign-in or WebSocket from another site's page
	evTokenUnknown    = "token_unknown"    // a token or session cookie that matches nothing
	evTokenRevoked    = "token_revoked"    // the token of a revoked door or display
	evHost            = "host_refused"     // a Host this server does not answer to
	evSocketCap       = "socket_cap"       // too many live WebSockets for a token or address
	evPairing         = "pairing_refused"  // a pairing code used, expired or unknown
)

// securityKept is how many events the ring keeps for the live view.
const securityKept = 200

// securityEvent is one line of the security log.
type securityEvent struct {
	At     time.Time `json:"at"`
	Event  string    `json:"event"`
	Remote string    `json:"remote"`
	Path   string    `json:"path"`
	Detail string    `json:"detail,omitempty"`
}

// securityLog is a ring of the last securityKept events.
type securityLog struct {
	mu     sync.Mutex
	events []securityEvent
	next   int
}

func (l *securityLog) add(e securityEvent) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.events) < securityKept {
		l.events = append(l.events, e)
		return
	}
	l.events[l.next] = e
	l.next = (l.next + 1) % securityKept
}

// last returns up to n events, newest first.
func (l *securityLog) last(n int) []securityEvent {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]securityEvent, 0, min(n, len(l.events)))
	for i := 1; i <= len(l.events) && len(out) < n; i++ {
		out = append(out, l.events[(l.next-i+len(l.events))%len(l.events)])
	}
	return out
}

// warn records a security event about the request: a WARN line and an entry
// of the ring. detail must hold no secret; it is cut to 100 bytes.
func (s *Server) warn(c *fiber.Ctx, event, detail string) {
	e := securityEvent{At: time.Now().UTC(), Event: event, Remote: s.clientIP(c),
		Path: strings.Clone(clip(c.Path(), 200)), Detail: strings.Clone(clip(detail, 100))}
	s.log.Warn("security", "event", e.Event, "remote", e.Remote, "path", e.Path, "detail", e.Detail)
	s.seclog.add(e)
}

// clip cuts s to at most n bytes.
func clip(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// securityEvents shows organizers the last events, newest first.
func (s *Server) securityEvents(c *fiber.Ctx) error {
	return c.JSON(fiber.Map{"events": s.seclog.last(securityKept)})
}
