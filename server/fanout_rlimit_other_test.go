//go:build !unix

package server

import "testing"

// raiseFileLimit does nothing where there is no such limit to raise.
func raiseFileLimit(t *testing.T, n uint64) {}
