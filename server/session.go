package server

import (
	"errors"
	"math"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"presente/server/store"
)

// maxCredential bounds a typed name and password, in bytes: a longer one is
// refused before it is hashed or kept.
const maxCredential = 256

func (s *Server) loginLimiter() *loginLimiter { return s.login }

// signIn checks a name and password, throttled per name and address and per
// address, and sets the session cookie. A sign-in from another site's page
// is refused, so no page can sign a browser into someone else's account.
func (s *Server) signIn(c *fiber.Ctx) error {
	if !sameOrigin(c) {
		s.warn(c, evOrigin, "sign-in")
		return errSignInOrigin
	}
	var body struct {
		Name     string `json:"name"`
		Password string `json:"password"`
	}
	if err := decode(c, &body); err != nil {
		return err
	}
	if len(body.Name) > maxCredential || len(body.Password) > maxCredential {
		s.warn(c, evSignInFailed, "name or password too long")
		return errCredentialTooLong
	}
	lim, addr := s.loginLimiter(), s.clientIP(c)
	if wait := lim.begin(body.Name, addr); wait > 0 {
		s.warn(c, evSignInThrottled, "")
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(math.Ceil(wait.Seconds()))))
		return errTooManyAttempts
	}
	sess, err := s.store.SignIn(c.UserContext(), body.Name, body.Password)
	switch {
	case errors.Is(err, store.ErrBadPassword):
		lim.failed(body.Name, addr)
		s.warn(c, evSignInFailed, "wrong name or password")
		return err
	case err != nil:
		lim.refund(addr)
		return err
	}
	lim.succeeded(body.Name, addr)
	c.Cookie(&fiber.Cookie{Name: s.sessionCookie(c), Value: sess.Token, Path: "/", Expires: sess.Expires,
		HTTPOnly: true, Secure: s.secureCookie(c), SameSite: fiber.CookieSameSiteStrictMode})
	return c.JSON(fiber.Map{"organizer": sess.Organizer, "csrf": sess.CSRF})
}

func (s *Server) signOut(c *fiber.Ctx) error {
	if err := s.store.SignOut(c.UserContext(), c.Cookies(s.sessionCookie(c))); err != nil {
		return err
	}
	s.sockets.checkSoon()
	c.Cookie(&fiber.Cookie{Name: s.sessionCookie(c), Value: "", Path: "/", Expires: time.Unix(0, 0),
		HTTPOnly: true, Secure: s.secureCookie(c), SameSite: fiber.CookieSameSiteStrictMode})
	return c.SendStatus(fiber.StatusNoContent)
}

// me tells a page who is signed in and the CSRF token its calls must carry.
func (s *Server) me(c *fiber.Ctx) error {
	who := callerOf(c)
	c.Set(fiber.HeaderCacheControl, "no-store")
	switch who.role {
	case roleOrganizer:
		return c.JSON(fiber.Map{"role": "organizer", "organizer": who.organizer, "csrf": who.csrf})
	case roleDoor:
		return c.JSON(fiber.Map{"role": "door", "door": who.door, "venue": s.venueFor(c)})
	}
	return c.JSON(fiber.Map{"role": "display", "action": who.display.Action})
}

// secureCookie marks the session cookie Secure when it was set over HTTPS,
// so a browser never sends it back over the LAN's plain HTTP.
func (s *Server) secureCookie(c *fiber.Ctx) bool {
	return s.cfg.SecureCookie || c.Protocol() == "https"
}
