package store

import (
	"database/sql"
	"errors"
	"fmt"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// Sentinel errors, every one the store returns; callers test them with
// errors.Is.
var (
	// ErrNotFound: no such record.
	ErrNotFound = errors.New("not found")
	// ErrUnknownBadge: no leader has ever had this badge code.
	ErrUnknownBadge = errors.New("unknown badge")
	// ErrRevokedBadge: the code was replaced by a reissued badge.
	ErrRevokedBadge = errors.New("revoked badge")
	// ErrIDConflict: the client id was already used for a different write.
	ErrIDConflict = errors.New("client id already used for another write")
	// ErrNotYours: a door tried to undo another door's check-in.
	ErrNotYours = errors.New("recorded by another door")
	// ErrExists: a record with that name already exists.
	ErrExists = errors.New("already exists")
	// ErrBadPassword: the name or password is wrong.
	ErrBadPassword = errors.New("wrong name or password")
	// ErrClosed: the store is closed.
	ErrClosed = errors.New("store closed")
	// ErrInUse: the record still has leaders, institutions or check-ins.
	ErrInUse = errors.New("still in use")
	// ErrPairingUsed: the link was already claimed, or replaced by a newer one.
	ErrPairingUsed = errors.New("pairing link already used")
	// ErrPairingExpired: the link is older than PairingTTL.
	ErrPairingExpired = errors.New("pairing link expired")
	// ErrDoorRevoked: the door was revoked, so it cannot be paired.
	ErrDoorRevoked = errors.New("door revoked")
	// ErrDisplayRevoked: the display was revoked; its token is no longer a
	// credential.
	ErrDisplayRevoked = errors.New("display revoked")
	// ErrHeadcountNeedsOrganizer: a door's headcount is above the action's
	// maximum; only an organizer may record it.
	ErrHeadcountNeedsOrganizer = errors.New("headcount above the action's maximum for a door")
	// ErrCredentialsClosed: the action's credentials were already closed, and
	// the caller did not ask to close them again.
	ErrCredentialsClosed = errors.New("credentials already closed")
	// ErrPlanChanged: what an import would do is no longer what the preview
	// showed (the file or the database changed); preview again.
	ErrPlanChanged = errors.New("import changed since the preview")
	// ErrSetUp: the network already has an organizer, so the first-run
	// setup, which needs no credential, may not run again.
	ErrSetUp = errors.New("already set up")
	// ErrEditedAtHub: this node joined another, whose roster, actions and
	// commitments it holds as they come down; an edit made here would be
	// overwritten by the next one from the hub and never sent up.
	ErrEditedAtHub = errors.New("the roster, actions and commitments are edited at the network's hub")
)

// InvalidError is bad input, with the field it concerns.
type InvalidError struct {
	Field  string
	Reason string
}

// Error names the field and the reason.
func (e *InvalidError) Error() string { return fmt.Sprintf("invalid %s: %s", e.Field, e.Reason) }

func invalid(field, reason string) error { return &InvalidError{Field: field, Reason: reason} }

// uniqueErr turns a UNIQUE violation into ErrExists.
func uniqueErr(err error, what string) error {
	var se sqlite3.Error
	if errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique {
		return fmt.Errorf("%s: %w", what, ErrExists)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// inUseErr turns a foreign key refusal (a frozen credential, a purge record
// still refers to the row) into ErrInUse.
func inUseErr(err error, what string) error {
	var se sqlite3.Error
	if errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintForeignKey {
		return fmt.Errorf("%s: %w", what, ErrInUse)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// affected turns a write that touched no row into ErrNotFound.
func affected(res sql.Result, what string, id int64) error {
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return fmt.Errorf("%s %d: %w", what, id, ErrNotFound)
	}
	return nil
}
