package store

import "testing"

func TestFold(t *testing.T) {
	if got := Fold("  José   PÉREZ-López "); got != "jose perez lopez" {
		t.Errorf("Fold = %q", got)
	}
}
