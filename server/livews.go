package server

import (
	"net/url"
	"runtime/debug"
	"sync"
	"time"

	"github.com/fasthttp/websocket"
	fiberws "github.com/gofiber/contrib/websocket"
	"github.com/gofiber/fiber/v2"
)

const (
	// writeWait is how long a dashboard may take to read what it is sent: one
	// that does not is dropped, and resyncs from a snapshot when it comes back.
	writeWait = 10 * time.Second
	pingEvery = 25 * time.Second
	pongWait  = 60 * time.Second
	readLimit = 512
	// A dashboard sends pongs and a close, control frames of at most 125
	// bytes: its read buffer is small. Messages go out as frames made once
	// for every dashboard (see frames); a write buffer is lent from a pool
	// only while a ping goes out.
	readBuffer  = 256
	writeBuffer = 1024
)

// liveUpgrade checks the Origin and the caps on live sockets before the
// WebSocket starts; allow already checked the caller.
func (s *Server) liveUpgrade(c *fiber.Ctx) error {
	if !websocket.FastHTTPIsWebSocketUpgrade(c.Context()) {
		return errorf(fiber.StatusUpgradeRequired, "websocket_required", "connect with a WebSocket")
	}
	if !sameOrigin(c) {
		s.warn(c, evOrigin, "live")
		return errSocketOrigin
	}
	claim := socketClaim{who: callerOf(c), addr: s.clientIP(c)}
	if full := s.sockets.full(claim); full != "" {
		s.warn(c, evSocketCap, "per "+full)
		return errTooManySockets
	}
	c.Locals("socket", claim)
	return c.Next()
}

// sameOrigin lets through clients that send no Origin (not a browser) and
// browsers on a page of this server.
func sameOrigin(c *fiber.Ctx) bool {
	origin := c.Get(fiber.HeaderOrigin)
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	return err == nil && u.Host == c.Hostname()
}

// liveSocket upgrades what liveUpgrade let through and serves it with live,
// through gofiber/contrib/websocket. A dashboard sends only pongs and a
// close, so its read buffer is small, and it holds no write buffer of its
// own: what a connection holds between updates is what 10,000 of them
// cost. liveUpgrade already checked the Origin.
func (s *Server) liveSocket() fiber.Handler {
	return fiberws.New(func(c *fiberws.Conn) {
		claim, _ := c.Locals("socket").(socketClaim)
		action, _ := c.Locals("action").(int64) // where allow kept it
		s.live(c.Conn, claim, action)
	}, fiberws.Config{ReadBufferSize: readBuffer, WriteBufferSize: writeBuffer, WriteBufferPool: &sync.Pool{}})
}

// live streams an action's snapshot, then each committed change in seq
// order, for as long as the credential that opened it holds.
func (s *Server) live(conn *websocket.Conn, claim socketClaim, action int64) {
	defer s.recoverLive()
	wake := make(chan struct{}, 1) // all that concerns the writer: see stream
	sock, ok := s.sockets.open(claim, wake)
	if !ok { // a cap was reached between the upgrade and now
		closeWith(conn, websocket.ClosePolicyViolation, "too many connections")
		return
	}
	defer s.sockets.close(sock)
	sub, err := s.tally.Join(action, wake) // its first message is the snapshot
	if err != nil {
		return
	}
	defer s.tally.Unsubscribe(sub)
	gone := readUntilClosed(conn, wake)
	defer func() {
		// The reader must be done before this returns: the server reuses the
		// connection for another one, and closing a hijacked WebSocket does
		// not close it; a deadline stops the read.
		conn.SetReadDeadline(time.Now())
		<-gone
	}()
	s.stream(conn, sub, wake, gone, sock.ended)
}

// recoverLive keeps a panic in a live socket to that socket: it runs on the
// hijacked connection's own goroutine, which no middleware guards.
func (s *Server) recoverLive() {
	if r := recover(); r != nil {
		s.log.Error("live socket panic", "panic", r, "stack", string(debug.Stack()))
	}
}

// readUntilClosed reads (and ignores) what the client sends, within a size
// limit; when the client is gone it closes the returned channel and wakes
// the writer.
func readUntilClosed(conn *websocket.Conn, wake chan<- struct{}) <-chan struct{} {
	gone := make(chan struct{})
	conn.SetReadLimit(readLimit)
	conn.SetReadDeadline(time.Now().Add(pongWait))
	conn.SetPongHandler(func(string) error { return conn.SetReadDeadline(time.Now().Add(pongWait)) })
	go func() {
		defer signal(wake)
		defer close(gone)
		for {
			if _, _, err := conn.ReadMessage(); err != nil {
				return
			}
			conn.SetReadDeadline(time.Now().Add(pongWait))
		}
	}()
	return gone
}
