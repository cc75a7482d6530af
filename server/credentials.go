package server

import (
	"bytes"
	"net/http"

	"github.com/gofiber/fiber/v2"
)

// credentials is the roll call as it was closed: counts and the names of
// institutions and chapters only, so a projector may read it.
func (s *Server) credentials(c *fiber.Ctx) error {
	action := actionOf(c)
	cr, err := s.store.Credentials(c.UserContext(), action)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(cr)
}

// closeCredentials freezes the roll call as of now. Closing is done once;
// closing again must be asked for with {"again": true}, and keeps the earlier
// closing in the record.
func (s *Server) closeCredentials(c *fiber.Ctx) error {
	who, action := callerOf(c), actionOf(c)
	var body struct {
		Again bool `json:"again"`
	}
	if len(bytes.TrimSpace(c.Body())) > 0 {
		if err := decode(c, &body); err != nil {
			return err
		}
	}
	cr, err := s.store.CloseCredentials(c.UserContext(), action, who.actor(), body.Again)
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(cr)
}
