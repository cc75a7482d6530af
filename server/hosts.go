package server

import (
	"net"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// hostNames are the names and addresses this server answers to. A page
// served under any other name (a DNS name rebound to this machine's
// address) would pass an Origin check against its own Host, so every such
// request is refused with 421 before any handler sees it.
type hostNames struct {
	names map[string]string // lower case, no trailing dot, to itself; addresses in canonical form
	wild  []string          // ".example.org" for "*.example.org": one label more
}

func newHostNames(hosts []string) hostNames {
	h := hostNames{names: map[string]string{"localhost": "localhost"}}
	for _, n := range hosts {
		n = foldHost(n)
		if rest, ok := strings.CutPrefix(n, "*."); ok {
			h.wild = append(h.wild, "."+rest)
			continue
		}
		if ip := net.ParseIP(n); ip != nil {
			n = ip.String()
		}
		if n != "" {
			h.names[n] = n
		}
	}
	return h
}

func foldHost(n string) string {
	return strings.TrimSuffix(strings.ToLower(strings.Trim(strings.TrimSpace(n), "[]")), ".")
}

// own returns the name of a Host header as this server spells it, with the
// header's port if it has a valid one, and whether the name is one of ours.
func (h hostNames) own(host string) (string, bool) {
	name, port := host, ""
	if n, p, err := net.SplitHostPort(host); err == nil {
		name, port = n, p
	}
	name = foldHost(name)
	if n, err := strconv.Atoi(port); port != "" && (err != nil || n < 1 || n > 65535 || strconv.Itoa(n) != port) {
		return "", false
	}
	own, ok := h.spell(name)
	if !ok || port == "" {
		return own, ok
	}
	return net.JoinHostPort(own, port), true
}

// spell finds name among ours, and returns our own copy of it (name may
// point into a request's buffer); any loopback address is ours.
func (h hostNames) spell(name string) (string, bool) {
	if ip := net.ParseIP(name); ip != nil {
		s := ip.String()
		return s, ip.IsLoopback() || h.names[s] != ""
	}
	if own := h.names[name]; own != "" {
		return own, true
	}
	for _, w := range h.wild {
		if label, ok := strings.CutSuffix(name, w); ok && label != "" && !strings.Contains(label, ".") && validLabel(label) {
			return strings.Clone(name), true
		}
	}
	return "", false
}

// validLabel is a DNS label: letters, digits and inner hyphens.
func validLabel(l string) bool {
	for i, r := range l {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' && i > 0 && i < len(l)-1
		if !ok {
			return false
		}
	}
	return true
}

// checkHost refuses a request for a name that is not ours, and keeps ours
// for the links the handlers build (ownHost).
func (s *Server) checkHost(c *fiber.Ctx) error {
	host, ok := s.hosts.own(c.Hostname())
	if !ok {
		s.warn(c, evHost, c.Hostname())
		return errMisdirected
	}
	c.Locals("host", host)
	return c.Next()
}

// ownHost is the request's host as checkHost spelled it: never the bytes
// the client sent.
func ownHost(c *fiber.Ctx) string {
	if h, _ := c.Locals("host").(string); h != "" {
		return h
	}
	return "localhost"
}
