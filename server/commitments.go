package server

import (
	"net/http"

	"github.com/gofiber/fiber/v2"
)

// Commitments: how many people each institution pledged to bring to an
// action. A file of them is imported by importCommitments (import.go).

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
