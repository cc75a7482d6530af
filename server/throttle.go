package server

import (
	"net/http"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/limiter"
)

// Request limits for the API, per minute. A door scanning as fast as a
// hardware scanner types (a badge every half second) plus its heartbeats and
// feed polls stays far below perToken; a church hall's phones behind one
// router stay below perAddress. The machine itself (127.0.0.1, ::1) is not
// limited: it already holds the data folder.
const (
	perToken   = 1200
	perAddress = 6000
	limitEvery = time.Minute
)

var errRateLimited = errorf(http.StatusTooManyRequests, "rate_limited", "too many requests; slow down and retry")

// throttles returns the two API limiters: one per bearer token (a door or a
// display), one per client address.
func (s *Server) throttles() []fiber.Handler {
	reached := func(c *fiber.Ctx) error { return errRateLimited }
	return []fiber.Handler{
		limiter.New(limiter.Config{
			Max: perToken, Expiration: limitEvery, LimiterMiddleware: limiter.SlidingWindow{},
			Next: func(c *fiber.Ctx) bool { return s.thisMachine(c) || bearer(c) == "" },
			// The concatenation copies the token out of Fiber's reused buffer.
			KeyGenerator: func(c *fiber.Ctx) string { return "t:" + bearer(c) },
			LimitReached: reached,
		}),
		limiter.New(limiter.Config{
			Max: perAddress, Expiration: limitEvery, LimiterMiddleware: limiter.SlidingWindow{},
			Next:         s.thisMachine,
			KeyGenerator: func(c *fiber.Ctx) string { return "a:" + s.clientIP(c) },
			LimitReached: reached,
		}),
	}
}

// thisMachine is a request from the server's own machine, and not one that
// a proxy on it forwards.
func (s *Server) thisMachine(c *fiber.Ctx) bool {
	ip := s.clientIP(c)
	return ip == "127.0.0.1" || ip == "::1"
}
