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
	errCSRF         = errorf(http.StatusForbidden, "csrf", "missing or wrong X-CSRF-Token header")

	errSignInOrigin      = errorf(http.StatusForbidden, "bad_origin", "sign in from this server's own page")
	errCredentialTooLong = errorf(http.StatusBadRequest, "credentials_too_long", "a name or password is at most 256 bytes")
	errTooManyAttempts   = errorf(http.StatusTooManyRequests, "too_many_attempts",
		"too many wrong passwords from this device; wait and try again")
	errMisdirected = errorf(http.StatusMisdirectedRequest, "misdirected_request",
		"this server does not answer to that name; open it by its own address")
	errSocketOrigin   = errorf(http.StatusForbidden, "bad_origin", "WebSocket from another site")
	errTooManySockets = errorf(http.StatusTooManyRequests, "too_many_sockets",
		"too many live connections with this credential or from this address; close some screens")
	errArrivalsLoading = errorf(http.StatusServiceUnavailable, "loading", "the hall's arrivals are loading; retry")
)

// storeErrors is the one table of what each store error becomes for a
// client: a status and a stable code the browser translates. Rows are tried
// in order; a row with a place applies only to an error a handler marked
// with errAt(place, err), where the same store error means something more
// precise than it does anywhere else.
var storeErrors = []struct {
	place errPlace
	err   error
	api   *apiError
}{
	// A token or cookie that matches nothing proves nobody.
	{credentialCheck, store.ErrNotFound, errUnauthorized},
	{pairingLink, store.ErrNotFound, errorf(http.StatusNotFound, "pairing_unknown", "no such pairing link or door")},
	{anywhere, store.ErrPairingUsed, errorf(http.StatusGone, "pairing_used", "this pairing link was already used or replaced")},
	{anywhere, store.ErrPairingExpired, errorf(http.StatusGone, "pairing_expired", "this pairing link expired")},
	// A revoked door's token is no longer a credential, and a door once
	// revoked can never get one again (a pairing link of it is refused, to
	// the phone that claims it and to the organizer who asks for it): 401
	// everywhere. The scanner reads 401 as "this phone is no longer paired",
	// stops and keeps its unsent scans; any other 4xx would read as an answer
	// about one queued scan and drop it from the outbox.
	{anywhere, store.ErrDoorRevoked, errorf(http.StatusUnauthorized, "door_revoked", "this door was revoked by an organizer")},
	// A revoked display's token is no longer a credential: the projector
	// stops and says so.
	{anywhere, store.ErrDisplayRevoked, errorf(http.StatusUnauthorized, "display_revoked", "this display was revoked by an organizer")},
	{anywhere, store.ErrUnknownBadge, errorf(http.StatusNotFound, "unknown_badge", "no leader has this badge code")},
	{anywhere, store.ErrRevokedBadge, errorf(http.StatusGone, "revoked_badge", "this badge was replaced by a new one")},
	{anywhere, store.ErrIDConflict, errorf(http.StatusConflict, "id_conflict", "this id was already used for another write")},
	{anywhere, store.ErrNotYours, errorf(http.StatusForbidden, "not_your_checkin", "another door recorded this check-in")},
	{anywhere, store.ErrExists, errorf(http.StatusConflict, "exists", "a record with that name already exists")},
	{anywhere, store.ErrInUse, errorf(http.StatusConflict, "in_use", "it still has leaders, institutions or check-ins")},
	{anywhere, store.ErrPlanChanged, errorf(http.StatusConflict, "import_changed",
		"the file or the data changed since the preview; look at the new preview and confirm again")},
	{anywhere, store.ErrCredentialsClosed, errorf(http.StatusConflict, "credentials_closed",
		`the credentials were already closed; send {"again": true} to close them again`)},
	{anywhere, store.ErrHeadcountNeedsOrganizer, errorf(http.StatusForbidden, "headcount_needs_organizer",
		"a headcount this large needs an organizer")},
	{anywhere, store.ErrBadPassword, errorf(http.StatusUnauthorized, "bad_credentials", "wrong name or password")},
	{anywhere, store.ErrEditedAtHub, errorf(http.StatusConflict, "edited_at_hub",
		"this node joined a network: the roster, actions and commitments are edited at its hub, and reach this node from there")},
	{anywhere, store.ErrSetUp, errorf(http.StatusConflict, "set_up", "this network is already set up: sign in instead")},
	{anywhere, store.ErrNotFound, errorf(http.StatusNotFound, "not_found", "no such record")},
	{anywhere, store.ErrClosed, errorf(http.StatusServiceUnavailable, "shutting_down", "the server is shutting down; retry")},
	{anywhere, context.Canceled, errorf(http.StatusServiceUnavailable, "canceled", "the request was canceled; retry")},
	{anywhere, context.DeadlineExceeded, errorf(http.StatusServiceUnavailable, "timeout", "the server took too long; retry")},
}

// errPlace names where a store error means more than it does elsewhere.
type errPlace string

const (
	anywhere        errPlace = ""
	credentialCheck errPlace = "credential"
	pairingLink     errPlace = "pairing"
)

// placedError is a store error marked with where it was met.
type placedError struct {
	place errPlace
	err   error
}

func (e *placedError) Error() string { return string(e.place) + ": " + e.err.Error() }
func (e *placedError) Unwrap() error { return e.err }

// errAt marks err as met at place, for the table's rows of that place; nil
// stays nil.
func errAt(place errPlace, err error) error {
	if err == nil {
		return nil
	}
	return &placedError{place: place, err: err}
}

// storeError finds err's row in the table.
func storeError(err error) (*apiError, bool) {
	place := anywhere
	var pe *placedError
	if errors.As(err, &pe) {
		place = pe.place
	}
	for _, row := range storeErrors {
		if (row.place == anywhere || row.place == place) && errors.Is(err, row.err) {
			return row.api, true
		}
	}
	return nil, false
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
	if ae, ok := storeError(err); ok {
		return ae, true
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
// never an internal error's text; a page with that code when a person
// opened the address in the browser (errorpage.go).
func (s *Server) handleError(c *fiber.Ctx, err error) error {
	ae, known := toAPIError(err)
	if !known {
		s.log.Error("request failed", "method", c.Method(), "path", c.Path(), "err", err)
	}
	if navigation(c) {
		return sendErrorPage(c, ae)
	}
	return c.Status(ae.Status).JSON(fiber.Map{"error": ae})
}
