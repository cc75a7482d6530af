package server

import (
	"time"

	"github.com/gofiber/fiber/v2"
)

func (s *Server) signIn(c *fiber.Ctx) error {
	var body struct {
		Name     string `json:"name"`
		Password string `json:"password"`
	}
	if err := decode(c, &body); err != nil {
		return err
	}
	sess, err := s.store.SignIn(c.UserContext(), body.Name, body.Password)
	if err != nil {
		return err
	}
	c.Cookie(&fiber.Cookie{Name: SessionCookie, Value: sess.Token, Path: "/", Expires: sess.Expires,
		HTTPOnly: true, Secure: s.cfg.SecureCookie, SameSite: fiber.CookieSameSiteStrictMode})
	return c.JSON(fiber.Map{"organizer": sess.Organizer, "csrf": sess.CSRF})
}

func (s *Server) signOut(c *fiber.Ctx) error {
	if _, _, err := s.scope(c, roleOrganizer); err != nil {
		return err
	}
	if err := s.store.SignOut(c.UserContext(), c.Cookies(SessionCookie)); err != nil {
		return err
	}
	c.Cookie(&fiber.Cookie{Name: SessionCookie, Value: "", Path: "/", Expires: time.Unix(0, 0),
		HTTPOnly: true, Secure: s.cfg.SecureCookie, SameSite: fiber.CookieSameSiteStrictMode})
	return c.SendStatus(fiber.StatusNoContent)
}

// me tells a page who is signed in and the CSRF token its calls must carry.
func (s *Server) me(c *fiber.Ctx) error {
	who, _, err := s.scope(c, roleOrganizer|roleDoor|roleDisplay)
	if err != nil {
		return err
	}
	switch who.role {
	case roleOrganizer:
		return c.JSON(fiber.Map{"role": "organizer", "organizer": who.organizer, "csrf": who.csrf})
	case roleDoor:
		return c.JSON(fiber.Map{"role": "door", "door": who.door})
	}
	return c.JSON(fiber.Map{"role": "display", "action": who.display.Action})
}
