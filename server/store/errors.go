package store

import (
	"errors"
	"fmt"
)

// Sentinel errors; callers test them with errors.Is.
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
)

// InvalidError is bad input, with the field it concerns.
type InvalidError struct {
	Field  string
	Reason string
}

func (e *InvalidError) Error() string { return fmt.Sprintf("invalid %s: %s", e.Field, e.Reason) }

func invalid(field, reason string) error { return &InvalidError{Field: field, Reason: reason} }
