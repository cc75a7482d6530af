package server

import (
	"net/http"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"presente/server/store"
)

// MaxBatch bounds one offline-sync upload; a phone sends its outbox in chunks.
const MaxBatch = 1000

type checkInBody struct {
	ID   string     `json:"id"`
	Code string     `json:"code"`
	At   *time.Time `json:"at"` // when the phone scanned it, for offline scans
}

// record is the body as the store's check-in at action by who.
func (b checkInBody) record(action int64, who caller) store.CheckIn {
	in := store.CheckIn{ID: b.ID, Action: action, Code: b.Code, By: who.actor()}
	if b.At != nil {
		in.At = *b.At
	}
	return in
}

func checkInStatus(res store.CheckInResult) int {
	if res.Status == store.StatusCheckedIn {
		return http.StatusCreated
	}
	return http.StatusOK
}

// createCheckIn records one scan (or typed code) of a badge.
func (s *Server) createCheckIn(c *fiber.Ctx) error {
	who, action := callerOf(c), actionOf(c)
	var body checkInBody
	if err := decode(c, &body); err != nil {
		return err
	}
	res, err := s.store.CheckIn(c.UserContext(), body.record(action, who))
	if err != nil {
		return err
	}
	return c.Status(checkInStatus(res)).JSON(res)
}

// batchItem is one result of a batch: the check-in's answer or its error.
type batchItem struct {
	*store.CheckInResult
	ID     string    `json:"id"`
	Status string    `json:"status"`
	Code   int       `json:"http_status"`
	Error  *apiError `json:"error,omitempty"`
}

// createCheckIns records a door's queued scans at once, each with its answer.
func (s *Server) createCheckIns(c *fiber.Ctx) error {
	who, action := callerOf(c), actionOf(c)
	var body []checkInBody
	if err := decode(c, &body); err != nil {
		return err
	}
	if len(body) > MaxBatch {
		return errorf(http.StatusRequestEntityTooLarge, "batch_too_large", "send at most 1000 check-ins at once")
	}
	ins := make([]store.CheckIn, len(body))
	for i, b := range body {
		ins[i] = b.record(action, who)
	}
	res, errs := s.store.CheckInMany(c.UserContext(), ins)
	out := make([]batchItem, len(body))
	for i := range body {
		out[i] = s.batchResult(c, body[i].ID, &res[i], errs[i])
	}
	return c.JSON(fiber.Map{"results": out})
}

func (s *Server) batchResult(c *fiber.Ctx, id string, res *store.CheckInResult, err error) batchItem {
	if err == nil {
		return batchItem{CheckInResult: res, ID: id, Status: res.Status, Code: checkInStatus(*res)}
	}
	ae, known := toAPIError(err)
	if !known {
		s.log.Error("batch item failed", "path", c.Path(), "err", err)
	}
	return batchItem{ID: id, Status: "error", Code: ae.Status, Error: ae}
}

func (s *Server) undoCheckIn(c *fiber.Ctx) error {
	who, action := callerOf(c), actionOf(c)
	res, err := s.store.UndoCheckIn(c.UserContext(), action, c.Params("id"), who.actor())
	if err != nil {
		return err
	}
	return c.JSON(res)
}

func (s *Server) undoHeadcount(c *fiber.Ctx) error {
	who, action := callerOf(c), actionOf(c)
	res, err := s.store.UndoHeadcount(c.UserContext(), action, c.Params("id"), who.actor())
	if err != nil {
		return err
	}
	return c.JSON(res)
}

func (s *Server) createHeadcount(c *fiber.Ctx) error {
	who, action := callerOf(c), actionOf(c)
	var body struct {
		ID          string `json:"id"`
		Institution int64  `json:"institution"`
		Count       int    `json:"count"`
		Note        string `json:"note"`
	}
	if err := decode(c, &body); err != nil {
		return err
	}
	res, err := s.store.AddHeadcount(c.UserContext(), store.Headcount{ID: body.ID, Action: action,
		Institution: body.Institution, Count: body.Count, Note: body.Note, By: who.actor()})
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(res)
}

func (s *Server) createWalkIn(c *fiber.Ctx) error {
	who, action := callerOf(c), actionOf(c)
	var body struct {
		ID          string `json:"id"`
		Name        string `json:"name"`
		Institution int64  `json:"institution"`
		Language    string `json:"language"`
		Phone       string `json:"phone"`
		Email       string `json:"email"`
		Consent     bool   `json:"consent"`
	}
	if err := decode(c, &body); err != nil {
		return err
	}
	res, err := s.store.AddWalkIn(c.UserContext(), store.WalkIn{ID: body.ID, Action: action, Name: body.Name,
		Institution: body.Institution, Language: body.Language, Phone: strings.TrimSpace(body.Phone),
		Email: strings.TrimSpace(body.Email), Consent: body.Consent, By: who.actor()})
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(res)
}
