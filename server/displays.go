package server

import (
	"net/http"

	"github.com/gofiber/fiber/v2"
)

// An action's displays: read-only tokens for projectors, which organizers
// make, list and revoke.

func (s *Server) listDisplays(c *fiber.Ctx) error {
	displays, err := s.store.Displays(c.UserContext(), actionOf(c))
	if err != nil {
		return err
	}
	return c.JSON(displays)
}

func (s *Server) revokeDisplay(c *fiber.Ctx) error {
	id, err := idParam(c, "display")
	if err != nil {
		return err
	}
	if err := s.store.RevokeDisplay(c.UserContext(), actionOf(c), id); err != nil {
		return err
	}
	s.sockets.checkSoon()
	return c.SendStatus(http.StatusNoContent)
}

func (s *Server) createDisplay(c *fiber.Ctx) error {
	action := actionOf(c)
	d, token, err := s.store.CreateDisplay(c.UserContext(), action)
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(fiber.Map{"display": d, "token": token})
}
