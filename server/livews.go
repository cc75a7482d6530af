package server

import (
	"encoding/json"
	"net/url"
	"time"

	"github.com/gofiber/contrib/websocket"
	"github.com/gofiber/fiber/v2"

	"presente/server/live"
)

const (
	// writeWait is how long a dashboard may take to read what it is sent: one
	// that does not is dropped, and resyncs from a snapshot when it comes back.
	writeWait = 10 * time.Second
	pingEvery = 25 * time.Second
	pongWait  = 60 * time.Second
	readLimit = 512
)

// liveUpgrade checks the Origin and the caps on live sockets before the
// WebSocket starts; allow already checked the caller.
func (s *Server) liveUpgrade(c *fiber.Ctx) error {
	if !websocket.IsWebSocketUpgrade(c) {
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
	return c.Next() // the WebSocket finds the action where allow kept it
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

// live streams an action's snapshot, then each committed change in seq
// order, for as long as the credential that opened it holds.
func (s *Server) live(conn *websocket.Conn) {
	defer conn.Close()
	claim, _ := conn.Locals("socket").(socketClaim)
	sock, ok := s.sockets.open(claim)
	if !ok { // a cap was reached between the upgrade and now
		closeWith(conn, websocket.ClosePolicyViolation, "too many connections")
		return
	}
	defer s.sockets.close(sock)
	action, _ := conn.Locals("action").(int64)
	sub, snap, err := s.tally.Subscribe(action)
	if err != nil {
		return
	}
	defer s.tally.Unsubscribe(sub)
	gone := readUntilClosed(conn)
	defer func() {
		// The reader must be done before this returns: the server reuses the
		// connection's read buffer for another connection, and closing a
		// hijacked WebSocket does not close it; a deadline stops the read.
		conn.SetReadDeadline(time.Now())
		<-gone
	}()
	first, _ := json.Marshal(snap)
	if write(conn, websocket.TextMessage, first) {
		s.stream(conn, sub, gone, sock.ended)
	}
}

// stream writes the subscriber's changes and pings until the client goes,
// falls behind, its credential ends or the server stops.
func (s *Server) stream(conn *websocket.Conn, sub *live.Subscriber, gone, ended <-chan struct{}) {
	ping := time.NewTicker(pingEvery)
	defer ping.Stop()
	for {
		select {
		case <-sub.Ready:
			if !s.sendWaiting(conn, sub) {
				return
			}
		case <-ping.C:
			if !write(conn, websocket.PingMessage, nil) {
				return
			}
		case <-gone:
			return
		case <-ended: // the client will find out why when it checks back
			closeWith(conn, websocket.ClosePolicyViolation, "credential ended")
			return
		case <-s.quit:
			closeWith(conn, websocket.CloseGoingAway, "server restarting")
			return
		}
	}
}

// sendWaiting writes the messages waiting for sub: the changes in order, or
// a snapshot of now for a dashboard far behind.
func (s *Server) sendWaiting(conn *websocket.Conn, sub *live.Subscriber) bool {
	for _, msg := range s.tally.Take(sub, nil) {
		if !write(conn, websocket.TextMessage, msg) {
			return false
		}
	}
	return true
}

// readUntilClosed reads (and ignores) what the client sends, within a size
// limit, and closes the returned channel when the client is gone.
func readUntilClosed(conn *websocket.Conn) <-chan struct{} {
	gone := make(chan struct{})
	conn.SetReadLimit(readLimit)
	conn.SetReadDeadline(time.Now().Add(pongWait))
	conn.SetPongHandler(func(string) error { return conn.SetReadDeadline(time.Now().Add(pongWait)) })
	go func() {
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

func write(conn *websocket.Conn, kind int, msg []byte) bool {
	conn.SetWriteDeadline(time.Now().Add(writeWait))
	return conn.WriteMessage(kind, msg) == nil
}

func closeWith(conn *websocket.Conn, code int, reason string) {
	msg := websocket.FormatCloseMessage(code, reason)
	conn.WriteControl(websocket.CloseMessage, msg, time.Now().Add(time.Second))
}
