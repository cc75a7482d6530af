package server

import (
	"net"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// The first run of an install: the page in static/www/setup/ names the
// network and makes the first organizer, which needs no credential. So
// everything under /setup answers only a browser on this machine, and only
// until an organizer exists.

var errNotHere = errorf(http.StatusNotFound, "not_found", "no such page")

// thisMachineOnly lets through only a browser on this machine that asks
// for it by a loopback name: never another device (over HTTPS, which
// serves the whole app to the LAN), a page whose DNS name was rebound to
// 127.0.0.1, or a request a proxy on this machine forwarded.
func (s *Server) thisMachineOnly(c *fiber.Ctx) error {
	if !s.thisMachine(c) || !loopbackHost(string(c.Request().Host())) || forwarded(c) {
		return errNotHere
	}
	return c.Next()
}

// loopbackHost reports whether a Host header names this machine.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	ip := net.ParseIP(host)
	return strings.EqualFold(host, "localhost") || (ip != nil && ip.IsLoopback())
}

func forwarded(c *fiber.Ctx) bool {
	for _, h := range []string{fiber.HeaderXForwardedFor, fiber.HeaderForwarded, "X-Real-Ip", fiber.HeaderXForwardedHost} {
		if c.Get(h) != "" {
			return true
		}
	}
	return false
}

// setupState tells the first-run page whether the network is set up.
func (s *Server) setupState(c *fiber.Ctx) error {
	name, setUp, err := s.store.Network(c.UserContext())
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(fiber.Map{"set_up": setUp, "network": name})
}

// setUp names the network and makes the first organizer, once; the page
// then signs in as that organizer through POST /api/session.
func (s *Server) setUp(c *fiber.Ctx) error {
	if !sameOrigin(c) {
		return errorf(http.StatusForbidden, "bad_origin", "set up from this server's own page")
	}
	var body struct {
		Network  string `json:"network"`
		Name     string `json:"name"`
		Password string `json:"password"`
	}
	if err := decode(c, &body); err != nil {
		return err
	}
	o, err := s.store.SetUp(c.UserContext(), body.Network, body.Name, body.Password)
	if err != nil {
		return err
	}
	s.log.Info("first run: network set up", "organizer", o.Name)
	return c.Status(http.StatusCreated).JSON(fiber.Map{"organizer": o})
}
