package server

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"presente/server/store"
)

// Needs counted at the door: up to four things an action counts ("Cuidado
// de niños"), a +1 or +N tapped after a green answer or a headcount.

// needs lists the action's needs with their totals: the door draws its
// buttons from it, organizers read the totals.
func (s *Server) needs(c *fiber.Ctx) error {
	needs, err := s.store.Needs(c.UserContext(), actionOf(c))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(fiber.Map{"needs": needs})
}

// setNeeds names the action's needs, in order: {"names": [...]}.
func (s *Server) setNeeds(c *fiber.Ctx) error {
	var body struct {
		Names []string `json:"names"`
	}
	if err := decode(c, &body); err != nil {
		return err
	}
	if body.Names == nil {
		body.Names = []string{}
	}
	if err := s.store.SetNeeds(c.UserContext(), actionOf(c), body.Names); err != nil {
		return err
	}
	return s.needs(c)
}

// countNeed adds to a need, idempotent by the client id:
// {"id", "position", "count"}.
func (s *Server) countNeed(c *fiber.Ctx) error {
	who, action := callerOf(c), actionOf(c)
	var body struct {
		ID       string `json:"id"`
		Position int    `json:"position"`
		Count    int    `json:"count"`
	}
	if err := decode(c, &body); err != nil {
		return err
	}
	res, err := s.store.AddNeedCount(c.UserContext(), store.NeedCount{ID: body.ID, Action: action,
		Position: body.Position, Count: body.Count, By: who.actor()})
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(res)
}
