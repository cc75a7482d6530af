package server

import (
	"sync/atomic"
	"time"

	"github.com/fasthttp/websocket"

	"presente/server/live"
)

// stream is a live socket's writer. Everything that concerns it signals
// one channel, wake: the hub when messages wait, the pinger when a ping is
// due, the reader when the client is gone, the socket's credential when it
// ends, the server when it stops. Woken, it looks at each in turn. For
// 10,000 dashboards, a receive from one channel per update costs far less
// than a select over five, and holds one waiting slot instead of five.
func (s *Server) stream(conn *websocket.Conn, sub *live.Subscriber, wake chan struct{}, gone, ended <-chan struct{}) {
	ping := newPinger(wake, pingEvery)
	defer ping.stop()
	for range wake {
		switch {
		case closed(gone):
			return
		case closed(ended): // the client will find out why when it checks back
			closeWith(conn, websocket.ClosePolicyViolation, "credential ended")
			return
		case closed(s.quit):
			closeWith(conn, websocket.CloseGoingAway, "server restarting")
			return
		}
		if ping.take() && !write(conn, websocket.PingMessage, nil) {
			return
		}
		if !s.sendWaiting(conn, sub) {
			return
		}
	}
}

// sendWaiting writes the messages waiting for sub: the changes in order, or
// a snapshot of now for a dashboard far behind or just joined. Each goes out
// as the frame made once for every dashboard, written as it is.
func (s *Server) sendWaiting(conn *websocket.Conn, sub *live.Subscriber) bool {
	for _, msg := range s.tally.Take(sub, nil) {
		pm, err := s.frames.of(msg)
		if err != nil {
			return false
		}
		conn.SetWriteDeadline(time.Now().Add(writeWait))
		if conn.WritePreparedMessage(pm) != nil {
			return false
		}
	}
	return true
}

// pinger makes a ping due every period and wakes the writer to send it.
type pinger struct {
	due    atomic.Bool
	period time.Duration
	timer  *time.Timer
}

func newPinger(wake chan<- struct{}, period time.Duration) *pinger {
	p := &pinger{period: period}
	p.timer = time.AfterFunc(period, func() {
		p.due.Store(true)
		signal(wake)
	})
	return p
}

// take reports whether a ping is due and, if so, starts the next period.
func (p *pinger) take() bool {
	if !p.due.Swap(false) {
		return false
	}
	p.timer.Reset(p.period)
	return true
}

func (p *pinger) stop() { p.timer.Stop() }

// signal wakes whoever waits on c, unless a wake-up already waits there.
func signal(c chan<- struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}

// closed tells whether c is closed, without waiting.
func closed(c <-chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

func write(conn *websocket.Conn, kind int, msg []byte) bool {
	conn.SetWriteDeadline(time.Now().Add(writeWait))
	return conn.WriteMessage(kind, msg) == nil
}

func closeWith(conn *websocket.Conn, code int, reason string) {
	msg := websocket.FormatCloseMessage(code, reason)
	conn.WriteControl(websocket.CloseMessage, msg, time.Now().Add(time.Second))
}
