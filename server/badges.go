package server

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"presente/badges"
	"presente/server/sheets"
	"presente/server/store"
)

// badgeSheet sends the PDF of an action's badges, of one institution's with
// ?institution=ID, in the layout ?layout=insert|card.
func (s *Server) badgeSheet(c *fiber.Ctx) error {
	action := actionOf(c)
	inst, err := optionalID(c.Query("institution"), "institution")
	if err != nil {
		return err
	}
	return s.sendBadges(c, action, store.BadgeFilter{Institution: inst}, fmt.Sprintf("badges-%d.pdf", action))
}

// leaderBadge sends one leader's badge, to reprint a lost one.
func (s *Server) leaderBadge(c *fiber.Ctx) error {
	action := actionOf(c)
	leader, err := idParam(c, "leader")
	if err != nil {
		return err
	}
	return s.sendBadges(c, action, store.BadgeFilter{Leader: leader}, fmt.Sprintf("badge-%d.pdf", leader))
}

func (s *Server) sendBadges(c *fiber.Ctx, action int64, f store.BadgeFilter, name string) error {
	layout, err := badges.ParseLayout(c.Query("layout"))
	if err != nil {
		return errorf(http.StatusBadRequest, "invalid_layout", "layout must be insert or card")
	}
	var buf bytes.Buffer
	_, err = sheets.Write(c.UserContext(), &buf, s.store, action, f, layout)
	if errors.Is(err, badges.ErrNoBadges) {
		return errorf(http.StatusNotFound, "no_badges", "no leaders to print")
	}
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/pdf")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+name+`"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(buf.Bytes())
}

// reissueBadge gives a leader a new code; the old badge is refused at the door.
func (s *Server) reissueBadge(c *fiber.Ctx) error {
	leader, err := idParam(c, "leader")
	if err != nil {
		return err
	}
	code, err := s.store.ReissueCode(c.UserContext(), leader)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"leader": leader, "code": code})
}

// optionalID reads a positive id, or zero when s is empty.
func optionalID(s, field string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, &apiError{Status: http.StatusBadRequest, Code: "invalid_" + field, Message: field + " must be a positive id", Field: field}
	}
	return id, nil
}
