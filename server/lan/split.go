package lan

import (
	"errors"
	"net"
	"sync"
	"time"
)

// Split serves one plain-HTTP listener as two: connections whose remote
// address isLocal (this machine's browsers) go to local, every other to
// others; both carry site for SiteOf. Closing either closes ln and both.
func Split(ln net.Listener, site Site, isLocal func(net.Addr) bool) (local, others net.Listener) {
	sp := &split{ln: ln, site: &site, isLocal: isLocal}
	sp.local = newChanListener(ln, sp.stop)
	sp.others = newChanListener(ln, sp.stop)
	go sp.run()
	return sp.local, sp.others
}

// IsLoopback reports whether a is a loopback address: a browser on this
// machine.
func IsLoopback(a net.Addr) bool {
	tcp, ok := a.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// split hands each connection of one listener to one of two: local or others.
type split struct {
	ln            net.Listener
	site          *Site
	isLocal       func(net.Addr) bool
	local, others *chanListener
}

func (sp *split) stop() { sp.ln.Close() }

func (sp *split) run() {
	defer sp.local.Close()
	defer sp.others.Close()
	for {
		c, err := sp.ln.Accept()
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				time.Sleep(50 * time.Millisecond)
				continue
			}
			return
		}
		to := sp.others
		if sp.isLocal(c.RemoteAddr()) {
			to = sp.local
		}
		to.hand(&siteConn{Conn: c, site: sp.site})
	}
}

// chanListener is a listener fed by split.
type chanListener struct {
	addr    net.Addr
	conns   chan net.Conn
	done    chan struct{}
	once    sync.Once
	onClose func()
}

func newChanListener(ln net.Listener, onClose func()) *chanListener {
	return &chanListener{addr: ln.Addr(), conns: make(chan net.Conn, 64), done: make(chan struct{}), onClose: onClose}
}

func (l *chanListener) hand(c net.Conn) {
	select {
	case l.conns <- c:
	case <-l.done:
		c.Close()
	}
}

// Accept returns the next connection handed over, or net.ErrClosed.
func (l *chanListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

// Close stops this listener and the one it splits.
func (l *chanListener) Close() error {
	l.once.Do(func() {
		close(l.done)
		l.onClose()
	})
	return nil
}

// Addr is the address of the listener split.
func (l *chanListener) Addr() net.Addr { return l.addr }
