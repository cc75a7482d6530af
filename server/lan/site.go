// Package lan lets phones on the hall's network reach this machine: the
// HTTPS certificate they accept once, the addresses they should open, and
// the listeners that carry both to the requests of each connection.
package lan

import (
	"crypto/tls"
	"net"
	"strings"
)

// Site is how phones reach this server: the HTTPS port and the addresses
// the certificate covers, best first. The zero Site means HTTPS is off.
type Site struct {
	HTTPSPort   string
	Hosts       []string
	Fingerprint string
}

// NewSite is how phones reach an HTTPS listener at addr that serves cert:
// its port, and the certificate's addresses unless it listens on one only.
func NewSite(addr net.Addr, cert Certificate) Site {
	host, port, _ := net.SplitHostPort(addr.String())
	site := Site{HTTPSPort: port, Hosts: cert.Hosts, Fingerprint: cert.Fingerprint}
	if ip := net.ParseIP(host); ip != nil && !ip.IsUnspecified() {
		site.Hosts = []string{host} // HTTPS listens on that address only
	}
	return site
}

// Origin is the HTTPS origin a phone should open when it asked for host (a
// Host header, with or without a port): the HTTPS port on that host, and
// for a browser on this machine (localhost means nothing to a phone) the
// best LAN address.
func (s Site) Origin(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if isLocalName(host) && len(s.Hosts) > 0 {
		host = s.Hosts[0]
	}
	if s.HTTPSPort == "443" {
		return "https://" + bracket(host)
	}
	return "https://" + net.JoinHostPort(host, s.HTTPSPort)
}

func isLocalName(host string) bool {
	if ip := net.ParseIP(host); ip != nil {
		return ip.IsLoopback() || ip.IsUnspecified()
	}
	return host == "" || strings.EqualFold(host, "localhost")
}

func bracket(host string) string {
	if strings.Contains(host, ":") {
		return "[" + host + "]"
	}
	return host
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

// Origins are the HTTPS origins phones may open this server at, best
// first: one per address of the certificate, leaving out this machine's
// own names (localhost means nothing to a phone) unless HTTPS listens on
// nothing else. None when HTTPS is off.
func (s Site) Origins() []string {
	var out []string
	for _, h := range s.Hosts {
		if len(s.Hosts) > 1 && isLocalName(h) {
			continue
		}
		out = append(out, s.Origin(h))
	}
	return out
}
