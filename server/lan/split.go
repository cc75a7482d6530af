package lan

import (
	"crypto/tls"
	"errors"
	"net"
	"sync"
	"time"
)

// Site is how phones reach this server: the HTTPS port and the addresses
// the certificate covers, best first. The zero Site means HTTPS is off.
type Site struct {
	HTTPSPort   string
	Hosts       []string
	Fingerprint string
}

// siteConn carries the Site to the handlers of the requests on a connection,
// as net/http's ConnContext would: the pairing link and the landing page's
// QR must name the HTTPS address even when asked over plain HTTP.
type siteConn struct {
	net.Conn
	site *Site
}

type siteListener struct {
	net.Listener
	site *Site
}

func (l siteListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &siteConn{Conn: c, site: l.site}, nil
}

// TLSListener answers TLS on ln with cert, and puts site on each
// connection for SiteOf.
func TLSListener(ln net.Listener, cert Certificate, site Site) net.Listener {
	cfg := &tls.Config{Certificates: []tls.Certificate{cert.TLS}, MinVersion: tls.VersionTLS12}
	return tls.NewListener(siteListener{ln, &site}, cfg)
}

// SiteOf is the Site that TLSListener or Split put on conn; nil when conn
// was accepted some other way (tests).
func SiteOf(conn net.Conn) *Site {
	if tc, ok := conn.(*tls.Conn); ok {
		conn = tc.NetConn()
	}
	if sc, ok := conn.(*siteConn); ok {
		return sc.site
	}
	return nil
}

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
