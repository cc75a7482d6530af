package server

import (
	"context"
	"errors"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"presente/server/store"
)

// apiError is an error a client may see: a status, a stable code the browser
// translates, and an English message for people reading the API.
type apiError struct {
	Status  int    `json:"-"`
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

func errorf(status int, code, msg string) *apiError {
	return &apiError{Status: status, Code: code, Message: msg}
}

var (
	errUnauthorized = errorf(http.StatusUnauthorized, "unauthorized", "sign in or send a valid token")
	errForbidden    = errorf(http.StatusForbidden, "forbidden", "this credential may not do that")
	errWrongAction  = errorf(http.StatusForbidden, "wrong_action", "this credential belongs to another action")
	errDoorRevoked  = errorf(http.StatusUnauthorized, "door_revoked", "this door was revoked by an organizer")
	errCSRF         = errorf(http.StatusForbidden, "csrf", "missing or wrong X-CSRF-Token header")
)

// sentinels maps the store's errors to what a client is told.
var sentinels = []struct {
	err error
	api *apiError
}{
	{store.ErrUnknownBadge, errorf(http.StatusNotFound, "unknown_badge", "no leader has this badge code")},
	{store.ErrRevokedBadge, errorf(http.StatusGone, "revoked_badge", "this badge was replaced by a new one")},
	{store.ErrIDConflict, errorf(http.StatusConflict, "id_conflict", "this id was already used for another write")},
	{store.ErrNotYours, errorf(http.StatusForbidden, "not_your_checkin", "another door recorded this check-in")},
	{store.ErrExists, errorf(http.StatusConflict, "exists", "a record with that name already exists")},
	{store.ErrBadPassword, errorf(http.StatusUnauthorized, "bad_credentials", "wrong name or password")},
	{store.ErrNotFound, errorf(http.StatusNotFound, "not_found", "no such record")},
	{store.ErrClosed, errorf(http.StatusServiceUnavailable, "shutting_down", "the server is shutting down; retry")},
	{context.Canceled, errorf(http.StatusServiceUnavailable, "canceled", "the request was canceled; retry")},
	{context.DeadlineExceeded, errorf(http.StatusServiceUnavailable, "timeout", "the server took too long; retry")},
}

// toAPIError decides what a client sees of err. Anything it does not know is
// an internal error whose details stay in the server log.
func toAPIError(err error) (*apiError, bool) {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae, true
	}
	var inv *store.InvalidError
	if errors.As(err, &inv) {
		return &apiError{Status: http.StatusBadRequest, Code: "invalid_" + inv.Field, Message: inv.Error(), Field: inv.Field}, true
	}
	for _, s := range sentinels {
		if errors.Is(err, s.err) {
			return s.api, true
		}
	}
	var fe *fiber.Error
	if errors.As(err, &fe) {
		return fiberError(fe), true
	}
	return errorf(http.StatusInternalServerError, "internal", "something went wrong on the server"), false
}

func fiberError(fe *fiber.Error) *apiError {
	switch fe.Code {
	case http.StatusRequestEntityTooLarge:
		return errorf(fe.Code, "body_too_large", "the request body is too large")
	case http.StatusNotFound:
		return errorf(fe.Code, "no_route", "no such endpoint")
	case http.StatusMethodNotAllowed:
		return errorf(fe.Code, "method_not_allowed", "method not allowed")
	}
	if fe.Code >= 400 && fe.Code < 500 {
		return errorf(fe.Code, "bad_request", "the request could not be read")
	}
	return errorf(http.StatusInternalServerError, "internal", "something went wrong on the server")
}

// handleError is the app's one ErrorHandler: a JSON body with a stable code,
// never an internal error's text.
func (s *Server) handleError(c *fiber.Ctx, err error) error {
	ae, known := toAPIError(err)
	if !known {
		s.log.Error("request failed", "method", c.Method(), "path", c.Path(), "err", err)
	}
	return c.Status(ae.Status).JSON(fiber.Map{"error": ae})
}
