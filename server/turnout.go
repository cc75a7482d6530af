package server

import (
	"time"

	"github.com/gofiber/fiber/v2"
)

// Counts for screens anyone in the hall can see: numbers per chapter and
// institution, never a leader's name or code.

// turnout is the action's live numbers, as the tally holds them.
func (s *Server) turnout(c *fiber.Ctx) error {
	snap, _ := s.tally.Snapshot(actionOf(c))
	return c.JSON(snap)
}

// ArrivalsBucket is the width of one bar of the projector's arrivals chart.
const ArrivalsBucket = 5 * time.Minute

// arrivals is check-ins per five minutes, and the institutions of the latest
// arrivals: counts and institution names only, safe for a projector. The
// tally keeps them, so the answer costs the same at any number of
// check-ins; the database answers while the tally has not loaded them.
// At a venue's node they are its own hall's (hallArrivals).
func (s *Server) arrivals(c *fiber.Ctx) error {
	action := actionOf(c)
	c.Set(fiber.HeaderCacheControl, "no-store")
	hall, err := s.hall(c.UserContext())
	if err != nil {
		return err
	}
	if hall != "" {
		return s.hallArrivals(c, action, hall)
	}
	buckets, recent, ok := s.tally.Arrivals(action, ArrivalsBucket, recentArrivals, recentInstitutions)
	if ok {
		return c.JSON(fiber.Map{"bucket_seconds": int(ArrivalsBucket / time.Second), "buckets": buckets, "recent": recent})
	}
	stored, err := s.store.Arrivals(c.UserContext(), action, ArrivalsBucket)
	if err != nil {
		return err
	}
	latest, err := s.store.RecentArrivals(c.UserContext(), action, recentArrivals, recentInstitutions)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"bucket_seconds": int(ArrivalsBucket / time.Second), "buckets": stored, "recent": latest})
}

// hallArrivals is arrivals at a venue's node: its own hall's, as the tally
// keeps them (it loads them with the board, and again when the node's
// venue is set); while it has not, the projector is told to ask again.
func (s *Server) hallArrivals(c *fiber.Ctx, action int64, hall string) error {
	buckets, recent, ok := s.tally.HallArrivals(action, hall, ArrivalsBucket, recentArrivals, recentInstitutions)
	if !ok {
		return errArrivalsLoading
	}
	return c.JSON(fiber.Map{"bucket_seconds": int(ArrivalsBucket / time.Second), "buckets": buckets, "recent": recent})
}

// The projector's "latest arrivals": the last 30, by institution, at most 6.
const (
	recentArrivals     = 30
	recentInstitutions = 6
)
