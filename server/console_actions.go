package server

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"presente/server/store"
)

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

func (s *Server) listCommitments(c *fiber.Ctx) error {
	action := actionOf(c)
	list, err := s.store.Commitments(c.UserContext(), action)
	if err != nil {
		return err
	}
	return c.JSON(list)
}

// setCommitments takes [{"institution": id, "number": n}, ...]: the quick
// entry form sends the numbers it changed.
func (s *Server) setCommitments(c *fiber.Ctx) error {
	action := actionOf(c)
	var body []struct {
		Institution int64 `json:"institution"`
		Number      int   `json:"number"`
	}
	if err := decode(c, &body); err != nil {
		return err
	}
	numbers := make(map[int64]int, len(body))
	for _, b := range body {
		numbers[b.Institution] = b.Number
	}
	if err := s.store.SetCommitments(c.UserContext(), action, numbers); err != nil {
		return err
	}
	return c.SendStatus(http.StatusNoContent)
}
