package server

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"presente/server/store"
)

// organizer lets only a signed-in organizer through, with the route's
// action when it names one.
func (s *Server) organizer(c *fiber.Ctx) (caller, int64, error) {
	who, action, err := s.scope(c, roleOrganizer)
	if err == nil {
		// Names and phones: never kept by a browser cache or a proxy.
		c.Set(fiber.HeaderCacheControl, "no-store")
	}
	return who, action, err
}

// idParam reads a positive id from the route; anything else is 404.
func idParam(c *fiber.Ctx, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Params(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, errorf(http.StatusNotFound, "not_found", "no such record")
	}
	return id, nil
}

var (
	errImportChanged = errorf(http.StatusConflict, "import_changed",
		"the file or the data changed since the preview; look at the new preview and confirm again")
	errInUse = errorf(http.StatusConflict, "in_use", "it still has leaders, institutions or check-ins")
)

// consoleErr maps the store errors only the console meets to what a client
// is told; the rest go to the app's ErrorHandler as they are.
func consoleErr(err error) error {
	switch {
	case errors.Is(err, store.ErrPlanChanged):
		return errImportChanged
	case errors.Is(err, store.ErrInUse):
		return errInUse
	}
	return err
}

// created answers 201 with v as JSON.
func created(c *fiber.Ctx, v any) error { return c.Status(http.StatusCreated).JSON(v) }
