package store

import "fmt"

// Actor is who makes a write: a door, an organizer, or neither (the shell).
type Actor struct {
	Door      int64
	Organizer int64
}

// String names the actor as the undo record keeps it.
func (a Actor) String() string {
	switch {
	case a.Door != 0:
		return fmt.Sprintf("door:%d", a.Door)
	case a.Organizer != 0:
		return fmt.Sprintf("organizer:%d", a.Organizer)
	}
	return "admin"
}
