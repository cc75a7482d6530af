package server

import "github.com/gofiber/fiber/v2"

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
