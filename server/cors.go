package server

import (
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// A door phone paired at a venue with a standby sends to the other node
// when its own does not answer: the same writes, with the same client ids
// and the same bearer token, from a page of the other node's origin. A
// browser lets that page read the answer only when this server says so
// (CORS). It says so narrowly: only on the door's routes (forVenue in the
// route table), only to the exact origins of its venue's other node
// (venueSites, learned over the link), only for a request that carries a
// bearer token, and never with Access-Control-Allow-Credentials, so no
// browser sends a cookie along. Every other route, and any other origin,
// gets no CORS header at all, as a single node always did.

// venuePreflightAge is how long a phone may keep a preflight's answer.
const venuePreflightAge = "600"

// crossVenue lets a page of the venue's other node read a door route's
// answer, errors included (it runs before the route's guard).
func (s *Server) crossVenue(c *fiber.Ctx) error {
	if origin := c.Get(fiber.HeaderOrigin); origin != "" && bearer(c) != "" && s.venue.allows(origin) {
		h := &c.Response().Header
		h.Set(fiber.HeaderAccessControlAllowOrigin, origin)
		h.Add(fiber.HeaderVary, fiber.HeaderOrigin)
	}
	return c.Next()
}

// preflight answers the browser's question before a door's request from
// the venue's other node: yes for that node's origins, with the methods of
// the route and the two headers the door sends; 403 and no CORS header to
// anyone else. It needs no credential: a preflight carries none.
func (s *Server) preflight(methods []string) fiber.Handler {
	allowed := strings.Join(methods, ", ")
	return func(c *fiber.Ctx) error {
		h := &c.Response().Header
		h.Add(fiber.HeaderVary, fiber.HeaderOrigin)
		origin := c.Get(fiber.HeaderOrigin)
		if !s.venue.allows(origin) {
			return c.SendStatus(http.StatusForbidden)
		}
		h.Set(fiber.HeaderAccessControlAllowOrigin, origin)
		h.Set(fiber.HeaderAccessControlAllowMethods, allowed)
		h.Set(fiber.HeaderAccessControlAllowHeaders, "Authorization, Content-Type")
		h.Set(fiber.HeaderAccessControlMaxAge, venuePreflightAge)
		// Chromium asks before a page reaches a more private address than its own.
		if c.Get("Access-Control-Request-Private-Network") == "true" {
			h.Set("Access-Control-Allow-Private-Network", "true")
		}
		return c.SendStatus(http.StatusNoContent)
	}
}

// preflights puts a preflight answer on every door route's path, before
// the API asks who is calling.
func (s *Server) preflights(app *fiber.App, table []route) {
	methods := map[string][]string{}
	var paths []string
	for _, r := range table {
		if !r.forVenue {
			continue
		}
		if methods[r.path] == nil {
			paths = append(paths, r.path)
		}
		methods[r.path] = append(methods[r.path], r.method)
	}
	for _, p := range paths {
		app.Options(p, s.preflight(methods[p]))
	}
}

// doorPolicy lets the scanner's page connect to its venue's other node as
// well as its own: the content policy's connect-src names those origins.
func (s *Server) doorPolicy(c *fiber.Ctx) error {
	if others := s.venue.others(); len(others) > 0 {
		h := &c.Response().Header
		policy := string(h.Peek(fiber.HeaderContentSecurityPolicy))
		h.Set(fiber.HeaderContentSecurityPolicy,
			strings.Replace(policy, "connect-src 'self'", "connect-src 'self' "+strings.Join(others, " "), 1))
	}
	return c.Next()
}
