package server

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"presente/server/store"
)

// SessionCookie names the organizer's session cookie.
const SessionCookie = "presente_session"

type role int

const (
	roleOrganizer role = 1 << iota
	roleDoor
	roleDisplay
)

// caller is who made a request, as proven by a cookie or a bearer token.
type caller struct {
	role      role
	organizer store.Organizer
	csrf      string
	door      store.Door
	display   store.Display
}

func (c caller) action() int64 {
	switch c.role {
	case roleDoor:
		return c.door.Action
	case roleDisplay:
		return c.display.Action
	}
	return 0
}

func (c caller) actor() store.Actor {
	return store.Actor{Door: c.door.ID, Organizer: c.organizer.ID}
}

// authenticate finds who is calling; the route decides what they may do.
func (s *Server) authenticate(c *fiber.Ctx) error {
	who, err := s.identify(c)
	if err != nil {
		return err
	}
	if who.role == roleOrganizer && !safeMethod(c.Method()) &&
		!store.SameSecret(c.Get("X-CSRF-Token"), who.csrf) {
		return errCSRF
	}
	c.Locals("caller", who)
	return c.Next()
}

// identify finds the caller from a bearer token or the session cookie.
func (s *Server) identify(c *fiber.Ctx) (caller, error) {
	token := bearer(c)
	ctx := c.UserContext()
	switch {
	case strings.HasPrefix(token, "door_"):
		d, err := s.store.DoorByToken(ctx, token)
		if err != nil {
			return caller{}, errAt(credentialCheck, err)
		}
		if d.Revoked != nil {
			return caller{}, store.ErrDoorRevoked
		}
		return caller{role: roleDoor, door: d}, nil
	case strings.HasPrefix(token, "disp_"):
		d, err := s.store.DisplayByToken(ctx, token)
		return caller{role: roleDisplay, display: d}, errAt(credentialCheck, err)
	case token != "":
		return caller{}, errUnauthorized
	}
	if cookie := c.Cookies(SessionCookie); cookie != "" {
		sess, err := s.store.SessionByToken(ctx, cookie)
		return caller{role: roleOrganizer, organizer: sess.Organizer, csrf: sess.CSRF}, errAt(credentialCheck, err)
	}
	return caller{}, errUnauthorized
}

// bearer reads the token from the Authorization header or, for WebSocket
// upgrades only (browsers cannot set headers on them), the token parameter.
func bearer(c *fiber.Ctx) string {
	if h := c.Get(fiber.HeaderAuthorization); len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	if strings.EqualFold(c.Get(fiber.HeaderUpgrade), "websocket") {
		return c.Query("token")
	}
	return ""
}

func safeMethod(m string) bool {
	return m == fiber.MethodGet || m == fiber.MethodHead || m == fiber.MethodOptions
}
