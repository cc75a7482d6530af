package server

import (
	"bytes"
	"errors"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"presente/server/store"
)

var errCredentialsClosed = errorf(http.StatusConflict, "credentials_closed",
	`the credentials were already closed; send {"again": true} to close them again`)

// credentials is the roll call as it was closed: counts and the names of
// institutions and chapters only, so a projector may read it.
func (s *Server) credentials(c *fiber.Ctx) error {
	_, action, err := s.scope(c, roleOrganizer|roleDoor|roleDisplay)
	if err != nil {
		return err
	}
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
	who, action, err := s.scope(c, roleOrganizer)
	if err != nil {
		return err
	}
	var body struct {
		Again bool `json:"again"`
	}
	if len(bytes.TrimSpace(c.Body())) > 0 {
		if err := decode(c, &body); err != nil {
			return err
		}
	}
	cr, err := s.store.CloseCredentials(c.UserContext(), action, who.actor(), body.Again)
	if errors.Is(err, store.ErrCredentialsClosed) {
		return errCredentialsClosed
	}
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(cr)
}
