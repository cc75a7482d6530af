package server

import (
	"net"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
)

// phoneReach remembers when a device other than this machine last reached
// the server over HTTPS. The pairing page shows it: a pairing QR that no
// phone claims means little on its own, but no phone ever arriving over
// HTTPS points at the network (isolated Wi-Fi, a firewall) rather than at
// the phone.
type phoneReach struct {
	mu      sync.Mutex
	last    time.Time
	devices map[string]bool // addresses seen, up to maxReachDevices
}

const maxReachDevices = 1000

func newPhoneReach() *phoneReach { return &phoneReach{devices: map[string]bool{}} }

func (r *phoneReach) note(ip net.IP, at time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.last = at
	if len(r.devices) < maxReachDevices {
		r.devices[ip.String()] = true
	}
}

func (r *phoneReach) read() (time.Time, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.last, len(r.devices)
}

// noteReach records a request that came over HTTPS from another device.
func (s *Server) noteReach(c *fiber.Ctx) error {
	if c.Protocol() == "https" && !s.thisMachine(c) {
		s.reach.note(c.Context().RemoteIP(), time.Now())
	}
	return c.Next()
}

// network tells organizer pages the network's name, whether HTTPS is on and
// where phones open it, and when a phone last reached this server over it.
func (s *Server) network(c *fiber.Ctx) error {
	name, _, err := s.store.Network(c.UserContext())
	if err != nil {
		return err
	}
	site := siteOf(c)
	https := c.Protocol() == "https" || (site != nil && site.HTTPSPort != "")
	last, devices := s.reach.read()
	phones := fiber.Map{"devices": devices}
	if !last.IsZero() {
		phones["last_at"] = last.UTC()
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(fiber.Map{"name": name, "https": https, "https_url": httpsBase(c) + "/", "phones": phones})
}
