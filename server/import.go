package server

import (
	"bytes"
	"errors"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"presente/server/store"
)

// Imports take the file itself as the request body, exactly as saved by the
// spreadsheet. Without ?confirm they only preview: nothing is written. With
// ?confirm=HASH (the preview's hash) the same file is imported, only if what
// it would do is still exactly what that preview showed; otherwise 409
// import_changed with the new preview.

func (s *Server) importRoster(c *fiber.Ctx) error {
	t, err := importTable(c)
	if err != nil {
		return err
	}
	create := c.QueryBool("create", true)
	hash := c.Query("confirm")
	if hash == "" {
		plan, err := s.store.PlanRoster(c.UserContext(), t, create)
		if err != nil {
			return err
		}
		return c.JSON(plan)
	}
	plan, err := s.store.ImportRoster(c.UserContext(), t, create, hash)
	return importAnswer(c, plan, err)
}

func (s *Server) importCommitments(c *fiber.Ctx) error {
	action := actionOf(c)
	t, err := importTable(c)
	if err != nil {
		return err
	}
	hash := c.Query("confirm")
	if hash == "" {
		plan, err := s.store.PlanCommitments(c.UserContext(), action, t)
		if err != nil {
			return err
		}
		return c.JSON(plan)
	}
	plan, err := s.store.ImportCommitments(c.UserContext(), action, t, hash)
	return importAnswer(c, plan, err)
}

func importTable(c *fiber.Ctx) (store.Table, error) {
	body := c.Body()
	if len(bytes.TrimSpace(body)) == 0 {
		return store.Table{}, errorf(http.StatusBadRequest, "invalid_file", "send the CSV file as the request body")
	}
	return store.ReadTable(body)
}

// importAnswer is the plan applied, or, when it changed, the error the table
// gives store.ErrPlanChanged (409 import_changed) with the new preview to show.
func importAnswer(c *fiber.Ctx, plan any, err error) error {
	if errors.Is(err, store.ErrPlanChanged) {
		ae, _ := toAPIError(err)
		return c.Status(ae.Status).JSON(fiber.Map{"error": ae, "preview": plan})
	}
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"imported": true, "result": plan})
}
