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

// allow is the one guard of a group of routes: it lets through a caller
// with one of the roles and, when the route names an action, checks that the
// action exists and the caller's credential covers it, and keeps the action
// id for the handler (actionOf). A role not allowed is 403 forbidden before
// anything else is looked at. Organizer-only routes answer names and phones,
// so nothing they send is kept by a browser cache or a proxy.
func (s *Server) allow(roles role) fiber.Handler {
	return func(c *fiber.Ctx) error {
		who := callerOf(c)
		if who.role&roles == 0 {
			return errForbidden
		}
		if err := s.scopeAction(c, who); err != nil {
			return err
		}
		if roles == roleOrganizer {
			c.Set(fiber.HeaderCacheControl, "no-store")
		}
		return c.Next()
	}
}

// scopeAction checks the route's action, if it names one, against the
// caller's credential, loads it into the tally and keeps its id in Locals.
func (s *Server) scopeAction(c *fiber.Ctx, who caller) error {
	if c.Params("action") == "" {
		return nil
	}
	id, err := idParam(c, "action")
	if err != nil {
		return err
	}
	if a := who.action(); a != 0 && a != id {
		return errWrongAction
	}
	if err := s.ensureLoaded(c, id); err != nil {
		return err
	}
	c.Locals("action", id)
	return nil
}

// callerOf is who made the request, as authenticate found them.
func callerOf(c *fiber.Ctx) caller {
	who, _ := c.Locals("caller").(caller)
	return who
}

// actionOf is the action the route names, as allow checked it; 0 when the
// route names none.
func actionOf(c *fiber.Ctx) int64 {
	id, _ := c.Locals("action").(int64)
	return id
}

// ensureLoaded makes sure the tally holds the action, loading it when it was
// created by another process (the shell) since start; a missing action is
// the store's not-found, 404.
func (s *Server) ensureLoaded(c *fiber.Ctx, action int64) error {
	if s.tally.Has(action) {
		return nil
	}
	return s.loadBoard(c.UserContext(), action)
}
