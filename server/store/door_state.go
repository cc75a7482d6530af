package store

import "time"

// What a door's phone is doing, as every page says it.
const (
	DoorLive     = "live"     // heard from within SilentAfter
	DoorSilent   = "silent"   // heard from once, not for SilentAfter
	DoorUnpaired = "unpaired" // never heard from: no phone holds it yet
	DoorRevoked  = "revoked"  // an organizer took its access away
)

// SilentAfter is how long a door's phone may go without calling in before
// every page calls it silent. A scanner calls in every 20 seconds, so this
// is three calls missed in a row.
const SilentAfter = 60 * time.Second

// setState decides d's State and Quiet at now: the one rule for a silent
// door, so the doors page and the live view never disagree.
func (d *Door) setState(now time.Time) {
	switch {
	case d.Revoked != nil:
		d.State = DoorRevoked
	case d.LastSeen == nil:
		d.State = DoorUnpaired
	default:
		quiet := max(0, int(now.Sub(*d.LastSeen)/time.Second))
		d.Quiet = &quiet
		d.State = DoorLive
		if now.Sub(*d.LastSeen) >= SilentAfter {
			d.State = DoorSilent
		}
	}
}
