// Package lan lets phones on the hall's network reach this machine: the
// HTTPS certificate they accept once, the addresses they should open, and
// the listeners that carry both to the requests of each connection.
package lan

import (
	"net"
	"strings"
)

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
