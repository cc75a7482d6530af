package server

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"presente/server/store"
)

// TestStoreErrorTable pins what each store error becomes: the codes are
// stable strings the browser translates, so none may change by accident.
func TestStoreErrorTable(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		status int
		code   string
	}{
		{"not found", store.ErrNotFound, 404, "not_found"},
		{"not found, wrapped", fmt.Errorf("door 3: %w", store.ErrNotFound), 404, "not_found"},
		{"no such token or cookie", errAt(credentialCheck, store.ErrNotFound), 401, "unauthorized"},
		{"no such pairing link", errAt(pairingLink, fmt.Errorf("pairing: %w", store.ErrNotFound)), 404, "pairing_unknown"},
		{"pairing used", errAt(pairingLink, store.ErrPairingUsed), 410, "pairing_used"},
		{"pairing expired", errAt(pairingLink, store.ErrPairingExpired), 410, "pairing_expired"},
		{"door revoked", store.ErrDoorRevoked, 401, "door_revoked"},
		{"door revoked, while pairing", errAt(pairingLink, store.ErrDoorRevoked), 401, "door_revoked"},
		{"display revoked", store.ErrDisplayRevoked, 401, "display_revoked"},
		{"unknown badge", store.ErrUnknownBadge, 404, "unknown_badge"},
		{"revoked badge", store.ErrRevokedBadge, 410, "revoked_badge"},
		{"id conflict", store.ErrIDConflict, 409, "id_conflict"},
		{"not yours", store.ErrNotYours, 403, "not_your_checkin"},
		{"exists", store.ErrExists, 409, "exists"},
		{"in use", fmt.Errorf("chapter: %w", store.ErrInUse), 409, "in_use"},
		{"plan changed", store.ErrPlanChanged, 409, "import_changed"},
		{"credentials closed", store.ErrCredentialsClosed, 409, "credentials_closed"},
		{"headcount needs an organizer", store.ErrHeadcountNeedsOrganizer, 403, "headcount_needs_organizer"},
		{"bad password", store.ErrBadPassword, 401, "bad_credentials"},
		{"first run again", store.ErrSetUp, 409, "set_up"},
		{"store closed", store.ErrClosed, 503, "shutting_down"},
		{"store closed, while checking a credential", errAt(credentialCheck, store.ErrClosed), 503, "shutting_down"},
		{"canceled", context.Canceled, 503, "canceled"},
		{"timeout", context.DeadlineExceeded, 503, "timeout"},
		{"invalid input", &store.InvalidError{Field: "name", Reason: "empty"}, 400, "invalid_name"},
		{"anything else", errors.New("near \"SELEC\": syntax error"), 500, "internal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ae, _ := toAPIError(tt.err)
			if ae.Status != tt.status || ae.Code != tt.code {
				t.Errorf("toAPIError(%v) = %d %s, want %d %s", tt.err, ae.Status, ae.Code, tt.status, tt.code)
			}
		})
	}
}
