package server

import (
	"context"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"presente/server/store"
)

type structureBody struct {
	Name    string `json:"name"`
	Chapter int64  `json:"chapter"`
	Kind    string `json:"kind"`
}

func (s *Server) listChapters(c *fiber.Ctx) error {
	chapters, err := s.store.Chapters(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(chapters)
}

func (s *Server) createChapter(c *fiber.Ctx) error {
	var body structureBody
	if err := decode(c, &body); err != nil {
		return err
	}
	ref, err := s.store.CreateChapter(c.UserContext(), body.Name)
	if err != nil {
		return err
	}
	return created(c, ref)
}

func (s *Server) renameChapter(c *fiber.Ctx) error {
	var body structureBody
	if err := decode(c, &body); err != nil {
		return err
	}
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	if err := s.store.RenameChapter(c.UserContext(), id, body.Name); err != nil {
		return err
	}
	return c.SendStatus(http.StatusNoContent)
}

func (s *Server) deleteChapter(c *fiber.Ctx) error {
	return s.deleteRecord(c, s.store.DeleteChapter)
}

func (s *Server) listInstitutions(c *fiber.Ctx) error {
	insts, err := s.store.Institutions(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(insts)
}

func (s *Server) createInstitution(c *fiber.Ctx) error {
	var body structureBody
	if err := decode(c, &body); err != nil {
		return err
	}
	if err := s.checkChapter(c, body.Chapter); err != nil {
		return err
	}
	ref, err := s.store.CreateInstitution(c.UserContext(), body.Chapter, body.Name, body.Kind)
	if err != nil {
		return err
	}
	return created(c, ref)
}

func (s *Server) updateInstitution(c *fiber.Ctx) error {
	var body structureBody
	if err := decode(c, &body); err != nil {
		return err
	}
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	if err := s.checkChapter(c, body.Chapter); err != nil {
		return err
	}
	if err := s.store.UpdateInstitution(c.UserContext(), id, body.Chapter, body.Name, body.Kind); err != nil {
		return err
	}
	return c.SendStatus(http.StatusNoContent)
}

// setContact sets whom organizers call when the institution is short.
func (s *Server) setContact(c *fiber.Ctx) error {
	var body store.Contact
	if err := decode(c, &body); err != nil {
		return err
	}
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	if err := s.store.SetContact(c.UserContext(), id, body); err != nil {
		return err
	}
	return c.SendStatus(http.StatusNoContent)
}

func (s *Server) deleteInstitution(c *fiber.Ctx) error {
	return s.deleteRecord(c, s.store.DeleteInstitution)
}

// deleteRecord deletes the record the route names with del.
func (s *Server) deleteRecord(c *fiber.Ctx, del func(ctx context.Context, id int64) error) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	if err := del(c.UserContext(), id); err != nil {
		return err
	}
	return c.SendStatus(http.StatusNoContent)
}

// checkChapter answers invalid_chapter unless the chapter exists.
func (s *Server) checkChapter(c *fiber.Ctx, id int64) error {
	chapters, err := s.store.Chapters(c.UserContext())
	if err != nil {
		return err
	}
	for _, ch := range chapters {
		if ch.ID == id {
			return nil
		}
	}
	return &apiError{Status: http.StatusBadRequest, Code: "invalid_chapter", Message: "no such chapter", Field: "chapter"}
}
