package server

import (
	"context"
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"presente/server/store"
)

// SessionCookie names the organizer's session cookie over plain HTTP (the
// browsers of this machine). Over HTTPS it is SecureSessionCookie, which a
// browser takes only from a secure page of this very host, for the whole
// site: no other subdomain and no plain-HTTP page can plant one.
const (
	SessionCookie       = "presente_session"
	SecureSessionCookie = "__Host-" + SessionCookie
)

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
	secret    string // the token or cookie that proved it, kept to check it again
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
		s.warn(c, evCSRF, "")
		return errCSRF
	}
	c.Locals("caller", who)
	return c.Next()
}

// identify finds the caller from a bearer token or the session cookie, and
// logs a credential that matches nothing or was revoked.
func (s *Server) identify(c *fiber.Ctx) (caller, error) {
	secret, kind := bearer(c), "token"
	if secret == "" {
		secret, kind = c.Cookies(s.sessionCookie(c)), "session cookie"
	}
	if secret == "" {
		return caller{}, errUnauthorized
	}
	who, err := s.holderOf(c.UserContext(), strings.Clone(secret), kind != "token")
	switch {
	case errors.Is(err, store.ErrDoorRevoked) || errors.Is(err, store.ErrDisplayRevoked):
		s.warn(c, evTokenRevoked, kind)
	case errors.Is(err, store.ErrNotFound) || errors.Is(err, errUnauthorized):
		s.warn(c, evTokenUnknown, kind)
	}
	return who, err
}

// holderOf is who holds a session cookie (an organizer) or a bearer token
// (a door or a display).
func (s *Server) holderOf(ctx context.Context, secret string, cookie bool) (caller, error) {
	switch {
	case cookie:
		sess, err := s.store.SessionByToken(ctx, secret)
		return caller{role: roleOrganizer, organizer: sess.Organizer, csrf: sess.CSRF, secret: secret},
			errAt(credentialCheck, err)
	case strings.HasPrefix(secret, "door_"):
		d, err := s.store.DoorByToken(ctx, secret)
		if err != nil {
			return caller{}, errAt(credentialCheck, err)
		}
		if d.Revoked != nil {
			return caller{}, store.ErrDoorRevoked
		}
		return caller{role: roleDoor, door: d, secret: secret}, nil
	case strings.HasPrefix(secret, "disp_"):
		d, err := s.store.DisplayByToken(ctx, secret)
		if err != nil {
			return caller{}, errAt(credentialCheck, err)
		}
		if d.Revoked != nil {
			return caller{}, store.ErrDisplayRevoked
		}
		return caller{role: roleDisplay, display: d, secret: secret}, nil
	}
	return caller{}, errUnauthorized
}

// sessionCookie is the session cookie's name for this request: with the
// __Host- prefix over HTTPS.
func (s *Server) sessionCookie(c *fiber.Ctx) string {
	if s.secureCookie(c) {
		return SecureSessionCookie
	}
	return SessionCookie
}

// bearer reads the token from the Authorization header or, on the live
// WebSocket route only (browsers cannot set headers on a WebSocket), from
// the token parameter. Anywhere else a token in a URL is ignored: URLs end
// up in histories, logs and Referer headers.
func bearer(c *fiber.Ctx) string {
	if h := c.Get(fiber.HeaderAuthorization); len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	if liveRoute(c.Path()) && strings.EqualFold(c.Get(fiber.HeaderUpgrade), "websocket") {
		return c.Query("token")
	}
	return ""
}

// liveRoute reports whether path is an action's live WebSocket route.
func liveRoute(path string) bool {
	rest, ok := strings.CutPrefix(path, "/api/actions/")
	id, tail, _ := strings.Cut(rest, "/")
	return ok && id != "" && tail == "live"
}

func safeMethod(m string) bool {
	return m == fiber.MethodGet || m == fiber.MethodHead || m == fiber.MethodOptions
}
