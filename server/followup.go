package server

import (
	"fmt"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"presente/server/store"
)

// The follow-up lists after an action, per institution: who committed and
// did not come, who came for the first time, who walked in. Only people who
// agreed to be contacted are listed.

// followUpFiles names each list's CSV download.
var followUpFiles = map[string]string{
	store.ListAbsent:  "seguimiento-accion-%d.csv",
	store.ListFirst:   "primera-vez-accion-%d.csv",
	store.ListWalkIns: "sin-gafete-accion-%d.csv",
}

func (s *Server) followUp(c *fiber.Ctx) error {
	f, err := s.store.FollowUp(c.UserContext(), actionOf(c))
	if err != nil {
		return err
	}
	return c.JSON(f)
}

// followUpCSV is one list as CSV, ?list=absent (the default), first or
// walk_ins.
func (s *Server) followUpCSV(c *fiber.Ctx) error {
	action, list := actionOf(c), c.Query("list", store.ListAbsent)
	file, ok := followUpFiles[list]
	if !ok {
		return &apiError{Status: http.StatusBadRequest, Code: "invalid_list", Field: "list",
			Message: "list must be absent, first or walk_ins"}
	}
	f, err := s.store.FollowUp(c.UserContext(), action)
	if err != nil {
		return err
	}
	sh := newSheet(c)
	sh.header("chapter", "institution", "name", "phone", "email", "language")
	for _, in := range f.Institutions {
		for _, l := range in.List(list) {
			sh.add(in.Chapter.Name, in.Institution.Name, l.Name, l.Phone, l.Email, l.Language)
		}
	}
	return sh.send(c, fmt.Sprintf(file, action))
}
