package server

import (
	"errors"
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

func (s *Server) identify(c *fiber.Ctx) (caller, error) {
	token := bearer(c)
	ctx := c.UserContext()
	switch {
	case strings.HasPrefix(token, "door_"):
		d, err := s.store.DoorByToken(ctx, token)
		if err != nil {
			return caller{}, authErr(err)
		}
		if d.Revoked != nil {
			return caller{}, errDoorRevoked
		}
		return caller{role: roleDoor, door: d}, nil
	case strings.HasPrefix(token, "disp_"):
		d, err := s.store.DisplayByToken(ctx, token)
		return caller{role: roleDisplay, display: d}, authErr(err)
	case token != "":
		return caller{}, errUnauthorized
	}
	if cookie := c.Cookies(SessionCookie); cookie != "" {
		sess, err := s.store.SessionByToken(ctx, cookie)
		return caller{role: roleOrganizer, organizer: sess.Organizer, csrf: sess.CSRF}, authErr(err)
	}
	return caller{}, errUnauthorized
}

func authErr(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return errUnauthorized
	}
	return err
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

// scope checks that the caller has one of the roles and, when the route names
// an action, that the action exists and the caller's credential covers it.
func (s *Server) scope(c *fiber.Ctx, allowed role) (caller, int64, error) {
	who, _ := c.Locals("caller").(caller)
	if who.role&allowed == 0 {
		return who, 0, errForbidden
	}
	if c.Params("action") == "" {
		return who, 0, nil
	}
	id, err := idParam(c, "action")
	if err != nil {
		return who, 0, err
	}
	if a := who.action(); a != 0 && a != id {
		return who, 0, errWrongAction
	}
	return who, id, s.ensureLoaded(c, id)
}

// ensureLoaded makes sure the tally holds the action, loading it when it was
// created by another process (the shell) since start; a missing action is 404.
func (s *Server) ensureLoaded(c *fiber.Ctx, action int64) error {
	if s.tally.Has(action) {
		return nil
	}
	err := s.loadBoard(c.UserContext(), action)
	if errors.Is(err, store.ErrNotFound) {
		return errorf(fiber.StatusNotFound, "not_found", "no such action")
	}
	return err
}
