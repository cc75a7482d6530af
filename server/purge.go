package server

import (
	"net/http"

	"github.com/gofiber/fiber/v2"
)

// purgeAction removes the action's personal check-in data and keeps its
// numbers. The body must be {"confirm": true}: it cannot be undone.
func (s *Server) purgeAction(c *fiber.Ctx) error {
	who, action := callerOf(c), actionOf(c)
	var body struct {
		Confirm bool `json:"confirm"`
	}
	if err := decode(c, &body); err != nil {
		return err
	}
	if !body.Confirm {
		return errorf(http.StatusBadRequest, "confirm_required", `send {"confirm": true}: a purge cannot be undone`)
	}
	res, err := s.store.PurgeAction(c.UserContext(), action, who.actor())
	if err != nil {
		return err
	}
	return c.JSON(res)
}
