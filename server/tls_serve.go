package server

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

// ServeTLS answers HTTPS requests on ln with the whole app until Shutdown.
func (s *Server) ServeTLS(ln net.Listener, cert Certificate, site Site) error {
	cfg := &tls.Config{Certificates: []tls.Certificate{cert.TLS}, MinVersion: tls.VersionTLS12}
	return s.app.Listener(tls.NewListener(siteListener{ln, &site}, cfg))
}

// ServePlain answers plain HTTP on ln until Shutdown: the whole app for the
// browsers of this machine (loopback), and for every other machine only the
// landing page, which leads phones to HTTPS; anything else redirects there.
func (s *Server) ServePlain(ln net.Listener, site Site) error {
	return s.servePlain(ln, site, isLoopback)
}

func (s *Server) servePlain(ln net.Listener, site Site, local func(net.Addr) bool) error {
	sp := newSplit(ln, &site, local)
	landing := s.newLandingApp()
	go func() {
		<-s.quit
		landing.ShutdownWithTimeout(5 * time.Second)
		sp.local.Close()
	}()
	go sp.run()
	errc := make(chan error, 1)
	go func() { errc <- landing.Listener(sp.lan) }()
	err := s.app.Listener(sp.local)
	return errors.Join(err, <-errc)
}

func isLoopback(a net.Addr) bool {
	tcp, ok := a.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// split hands each connection of one listener to one of two: local or lan.
type split struct {
	ln         net.Listener
	site       *Site
	isLocal    func(net.Addr) bool
	local, lan *chanListener
}

func newSplit(ln net.Listener, site *Site, isLocal func(net.Addr) bool) *split {
	sp := &split{ln: ln, site: site, isLocal: isLocal}
	sp.local = newChanListener(ln, sp.stop)
	sp.lan = newChanListener(ln, sp.stop)
	return sp
}

func (sp *split) stop() { sp.ln.Close() }

func (sp *split) run() {
	defer sp.local.Close()
	defer sp.lan.Close()
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
		to := sp.lan
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
