package server

import (
	"github.com/gofiber/fiber/v2"

	"presente/server/store"
)

// listActions shows an organizer every action, a door or display its own.
func (s *Server) listActions(c *fiber.Ctx) error {
	who := callerOf(c)
	if who.role != roleOrganizer {
		a, err := s.store.Action(c.UserContext(), who.action())
		if err != nil {
			return err
		}
		return c.JSON([]store.Action{a})
	}
	actions, err := s.store.Actions(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(actions)
}

func (s *Server) createAction(c *fiber.Ctx) error {
	var body store.Action
	if err := decode(c, &body); err != nil {
		return err
	}
	a, err := s.store.CreateAction(c.UserContext(), body)
	if err != nil {
		return err
	}
	return created(c, a)
}

// getAction is an action with when its check-ins were purged, if they were.
func (s *Server) getAction(c *fiber.Ctx) error {
	id := actionOf(c)
	a, err := s.store.Action(c.UserContext(), id)
	if err != nil {
		return err
	}
	purged, err := s.store.PurgedAt(c.UserContext(), id)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"action": a, "purged_at": purged})
}

func (s *Server) updateAction(c *fiber.Ctx) error {
	id := actionOf(c)
	var body store.Action
	if err := decode(c, &body); err != nil {
		return err
	}
	body.ID = id
	a, err := s.store.UpdateAction(c.UserContext(), body)
	if err != nil {
		return err
	}
	return c.JSON(a)
}
