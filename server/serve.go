package server

import (
	"errors"
	"net"
	"time"

	"presente/server/lan"
)

// ServeTLS answers HTTPS requests on ln with the whole app until Shutdown.
func (s *Server) ServeTLS(ln net.Listener, cert lan.Certificate, site lan.Site) error {
	return s.app.Listener(lan.TLSListener(ln, cert, site))
}

// ServePlain answers plain HTTP on ln until Shutdown: the whole app for the
// browsers of this machine (loopback), and for every other machine only the
// landing page, which leads phones to HTTPS; anything else redirects there.
func (s *Server) ServePlain(ln net.Listener, site lan.Site) error {
	return s.servePlain(ln, site, lan.IsLoopback)
}

func (s *Server) servePlain(ln net.Listener, site lan.Site, isLocal func(net.Addr) bool) error {
	local, others := lan.Split(ln, site, isLocal)
	landing := s.newLandingApp()
	go func() {
		<-s.quit
		landing.ShutdownWithTimeout(5 * time.Second)
		local.Close()
	}()
	errc := make(chan error, 1)
	go func() { errc <- landing.Listener(others) }()
	err := s.app.Listener(local)
	return errors.Join(err, <-errc)
}
