package server

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// Behind a reverse proxy every request comes from the proxy's address. Only
// from an address given with --trusted-proxy are the X-Forwarded-For,
// -Proto and -Host headers believed: from anyone else they are what a
// client chose to send, and change nothing. Fiber applies the same list to
// c.Protocol() and c.Hostname() (EnableTrustedProxyCheck).

// proxies are the trusted proxies' addresses and ranges.
type proxies []netip.Prefix

func parseProxies(list []string) (proxies, error) {
	var out proxies
	for _, p := range list {
		if pre, err := netip.ParsePrefix(p); err == nil {
			out = append(out, pre.Masked())
			continue
		}
		a, err := netip.ParseAddr(p)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q: not an address or a range", p)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

func (ps proxies) trust(a netip.Addr) bool {
	for _, p := range ps {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// clientIP is the address of whoever made the request: the connection's
// peer, or when that is a trusted proxy, the nearest address in
// X-Forwarded-For that is not one (the ones further left are whatever the
// client claimed).
func (s *Server) clientIP(c *fiber.Ctx) string {
	addr, _ := netip.AddrFromSlice(c.Context().RemoteIP())
	addr = addr.Unmap()
	if !s.proxies.trust(addr) {
		return addr.String()
	}
	hops := strings.Split(c.Get(fiber.HeaderXForwardedFor), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break
		}
		if addr = hop.Unmap(); !s.proxies.trust(addr) {
			break
		}
	}
	return addr.String()
}
