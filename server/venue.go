package server

import (
	"context"
	"net"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"

	"presente/server/store"
)

// venueSites is, for a node of a venue that has a standby, the HTTPS
// addresses (origins) of the venue's primary and of its standbys: what a
// door phone paired here tries, the primary first, and the only other
// origins this server accepts the door's requests from (cors.go). A single
// node, or a venue without a standby, holds none.
type venueSites struct {
	mu       sync.RWMutex
	self     []string // this node's, from its network configuration
	primary  []string
	standbys []string
}

// set takes this node's origins and what the store knows of the others.
// Every origin is checked, as it goes into headers: only a plain
// scheme://host[:port].
func (v *venueSites) set(self []string, known store.VenueSites) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.self = cleanOrigins(self)
	v.primary, v.standbys = v.self, cleanOrigins(known.Standbys)
	if len(known.Primary) > 0 { // this node is a standby
		v.primary, v.standbys = cleanOrigins(known.Primary), v.self
	}
	if len(v.standbys) == 0 && len(known.Primary) == 0 {
		v.primary = nil // no standby: nothing to fail over to
	}
}

// others are the venue's origins that are not this node's own.
func (v *venueSites) others() []string {
	v.mu.RLock()
	defer v.mu.RUnlock()
	var out []string
	for _, o := range slices.Concat(v.primary, v.standbys) {
		if !slices.Contains(v.self, o) {
			out = append(out, o)
		}
	}
	return out
}

// allows reports whether origin is one of the venue's other nodes. It
// runs on every request of a door's browser: no allocation.
func (v *venueSites) allows(origin string) bool {
	if origin == "" {
		return false
	}
	v.mu.RLock()
	defer v.mu.RUnlock()
	return !slices.Contains(v.self, origin) && (slices.Contains(v.primary, origin) || slices.Contains(v.standbys, origin))
}

// doorVenue is what a door phone learns of its venue: the primary's
// origins and the standbys', each nearest first to host, the address the
// phone used (the same subnet is likely the one it can reach).
type doorVenue struct {
	Primary []string `json:"primary"`
	Standby []string `json:"standby"`
}

func (v *venueSites) forDoor(host string) doorVenue {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return doorVenue{Primary: nearest(v.primary, host), Standby: nearest(v.standbys, host)}
}

// venueFor is the venue as the door calling c should see it.
func (s *Server) venueFor(c *fiber.Ctx) doorVenue { return s.venue.forDoor(ownHost(c)) }

// reloadVenue reads again what the node learned of its venue.
func (s *Server) reloadVenue(ctx context.Context) error {
	known, err := s.store.VenueSites(ctx)
	if err != nil {
		return err
	}
	s.venue.mu.RLock()
	self := s.venue.self
	s.venue.mu.RUnlock()
	s.venue.set(self, known)
	return nil
}

// cleanOrigins keeps the well-formed origins, without repeats.
func cleanOrigins(in []string) []string {
	out := []string{}
	for _, o := range in {
		u, err := url.Parse(o)
		ok := err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.User == nil && u.Path == "" &&
			u.RawQuery == "" && u.Fragment == "" && hostRe.MatchString(u.Host) && u.String() == o
		if ok && !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	return out
}

// nearest orders origins by how many leading bits their address shares
// with host's, most first; names and equals keep their order.
func nearest(origins []string, host string) []string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	near := net.ParseIP(strings.Trim(host, "[]"))
	out := slices.Clone(origins)
	if out == nil {
		out = []string{}
	}
	slices.SortStableFunc(out, func(a, b string) int { return sharedBits(b, near) - sharedBits(a, near) })
	return out
}

func sharedBits(origin string, ip net.IP) int {
	u, err := url.Parse(origin)
	if err != nil || ip == nil {
		return 0
	}
	other := net.ParseIP(u.Hostname())
	if other == nil {
		return 0
	}
	a, b := ip.To16(), other.To16()
	for i := range a {
		if x := a[i] ^ b[i]; x != 0 {
			n := i * 8
			for x&0x80 == 0 {
				n, x = n+1, x<<1
			}
			return n
		}
	}
	return 128
}
