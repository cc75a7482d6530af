package server

import (
	"github.com/gofiber/fiber/v2"

	"presente/server/store"
)

func (s *Server) healthz(c *fiber.Ctx) error {
	return c.JSON(fiber.Map{"status": "ok", "epoch": s.tally.Epoch()})
}

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

// turnout is counts only: safe for a projector anyone can see.
func (s *Server) turnout(c *fiber.Ctx) error {
	action := actionOf(c)
	snap, _ := s.tally.Snapshot(action)
	return c.JSON(snap)
}

// roster gives a door the names and codes it needs to answer offline.
func (s *Server) roster(c *fiber.Ctx) error {
	action := actionOf(c)
	leaders, err := s.store.Roster(c.UserContext(), action)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(fiber.Map{"leaders": leaders})
}
