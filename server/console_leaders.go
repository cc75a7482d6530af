package server

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"presente/server/store"
)

type leaderBody struct {
	Name        string `json:"name"`
	Institution int64  `json:"institution"`
	Phone       string `json:"phone"`
	Email       string `json:"email"`
	Language    string `json:"language"`
	Consent     *bool  `json:"consent"` // absent: yes for a new leader, unchanged on an update
}

func (b leaderBody) leader() store.NewLeader {
	return store.NewLeader{Name: b.Name, Institution: b.Institution, Phone: b.Phone, Email: b.Email, Language: b.Language,
		Consent: b.Consent}
}

// listLeaders answers ?q= (name or phone), ?institution= and ?limit=.
func (s *Server) listLeaders(c *fiber.Ctx) error {
	f := store.LeaderFilter{Query: c.Query("q"), Institution: int64(c.QueryInt("institution")), Limit: c.QueryInt("limit")}
	leaders, total, err := s.store.Leaders(c.UserContext(), f)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"leaders": leaders, "total": total})
}

func (s *Server) createLeader(c *fiber.Ctx) error {
	var body leaderBody
	if err := decode(c, &body); err != nil {
		return err
	}
	if err := s.checkInstitution(c, body.Institution); err != nil {
		return err
	}
	refs, err := s.store.AddLeaders(c.UserContext(), []store.NewLeader{body.leader()})
	if err != nil {
		return err
	}
	return created(c, refs[0])
}

func (s *Server) updateLeader(c *fiber.Ctx) error {
	var body leaderBody
	if err := decode(c, &body); err != nil {
		return err
	}
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	if err := s.store.UpdateLeader(c.UserContext(), id, body.leader()); err != nil {
		return err
	}
	return c.SendStatus(http.StatusNoContent)
}

// leaderHistory is a leader's page: who they are and every action that
// concerns them.
func (s *Server) leaderHistory(c *fiber.Ctx) error {
	id, err := idParam(c, "leader")
	if err != nil {
		return err
	}
	h, err := s.store.LeaderHistory(c.UserContext(), id)
	if err != nil {
		return err
	}
	return c.JSON(h)
}

func (s *Server) deleteLeader(c *fiber.Ctx) error {
	return s.deleteRecord(c, s.store.DeleteLeader)
}

// checkInstitution answers invalid_institution unless it exists.
func (s *Server) checkInstitution(c *fiber.Ctx, id int64) error {
	insts, err := s.store.Institutions(c.UserContext())
	if err != nil {
		return err
	}
	for _, in := range insts {
		if in.ID == id {
			return nil
		}
	}
	return &apiError{Status: http.StatusBadRequest, Code: "invalid_institution", Message: "no such institution", Field: "institution"}
}
