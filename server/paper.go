package server

import (
	"net/http"
	"time"

	"github.com/gofiber/fiber/v2"

	"presente/server/store"
)

// Paper fallback: names from a paper sign-in sheet, entered afterwards by an
// organizer, become check-ins from "paper" at the time the sheet gives.

// paperCheckIn takes {"id", "code", "at"} for a leader on the roster.
func (s *Server) paperCheckIn(c *fiber.Ctx) error {
	who, action := callerOf(c), actionOf(c)
	var body struct {
		ID   string    `json:"id"`
		Code string    `json:"code"`
		At   time.Time `json:"at"`
	}
	if err := decode(c, &body); err != nil {
		return err
	}
	res, err := s.store.CheckIn(c.UserContext(), store.CheckIn{ID: body.ID, Action: action, Code: body.Code,
		By: who.actor(), Source: "paper", At: body.At})
	if err != nil {
		return err
	}
	return c.Status(checkInStatus(res)).JSON(res)
}

// paperLeader takes {"id", "name", "institution", "phone", "language", "at"}
// for a person on the sheet who is not on the roster: they are added to it.
func (s *Server) paperLeader(c *fiber.Ctx) error {
	who, action := callerOf(c), actionOf(c)
	var body struct {
		ID          string    `json:"id"`
		Name        string    `json:"name"`
		Institution int64     `json:"institution"`
		Phone       string    `json:"phone"`
		Language    string    `json:"language"`
		At          time.Time `json:"at"`
	}
	if err := decode(c, &body); err != nil {
		return err
	}
	res, err := s.store.AddPaperLeader(c.UserContext(), store.PaperLeader{ID: body.ID, Action: action,
		Name: body.Name, Institution: body.Institution, Phone: body.Phone, Language: body.Language,
		At: body.At, By: who.actor()})
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(res)
}
