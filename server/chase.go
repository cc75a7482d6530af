package server

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"presente/server/store"
)

// The live chase: during an action, organizers call and text the leaders of
// the institutions below their commitment. Names and phones: organizers
// only, never a door or a display.

// chase is the action's chase list, the most short institution first.
func (s *Server) chase(c *fiber.Ctx) error {
	ch, err := s.store.Chase(c.UserContext(), actionOf(c))
	if err != nil {
		return err
	}
	return c.JSON(ch)
}

// setMessages changes the text messages the chase and the follow-up lists
// prefill, per language.
func (s *Server) setMessages(c *fiber.Ctx) error {
	var body store.Messages
	if err := decode(c, &body); err != nil {
		return err
	}
	if err := s.store.SetMessages(c.UserContext(), actionOf(c), body); err != nil {
		return err
	}
	return c.SendStatus(http.StatusNoContent)
}
