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
func throttles() []fiber.Handler {
	reached := func(c *fiber.Ctx) error { return errRateLimited }
	return []fiber.Handler{
		limiter.New(limiter.Config{
			Max: perToken, Expiration: limitEvery, LimiterMiddleware: limiter.SlidingWindow{},
			Next: func(c *fiber.Ctx) bool { return thisMachine(c) || bearer(c) == "" },
			// The concatenation copies the token out of Fiber's reused buffer.
			KeyGenerator: func(c *fiber.Ctx) string { return "t:" + bearer(c) },
			LimitReached: reached,
		}),
		limiter.New(limiter.Config{
			Max: perAddress, Expiration: limitEvery, LimiterMiddleware: limiter.SlidingWindow{},
			Next:         thisMachine,
			KeyGenerator: func(c *fiber.Ctx) string { return "a:" + c.IP() },
			LimitReached: reached,
		}),
	}
}

// thisMachine is a request from the server's own machine.
func thisMachine(c *fiber.Ctx) bool {
	ip := c.Context().RemoteIP().String()
	return ip == "127.0.0.1" || ip == "::1"
}
