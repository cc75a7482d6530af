package server

import (
	"net/http"
	"time"

	"github.com/gofiber/fiber/v2"

	"presente/server/store"
)

// feedPage bounds one answer of the check-in feed; a phone asks again while
// more is waiting.
const feedPage = 500

// roster gives a door the names and codes it needs to answer offline, the
// action's headcount limit, and the roster's version: read first, so a
// change made while the leaders are read makes the phone read them again.
func (s *Server) roster(c *fiber.Ctx) error {
	state, err := s.store.RosterState(c.UserContext(), actionOf(c))
	if err != nil {
		return err
	}
	leaders, err := s.store.Roster(c.UserContext(), actionOf(c))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(fiber.Map{"leaders": leaders, "version": state.Version, "headcount_max": state.HeadcountMax})
}

// doorContact is the scanner's heartbeat: it tells the organizers' doors
// list that the phone is alive and how many scans it still holds unsent.
// A revoked door learns it here, at the latest a heartbeat after the revoke,
// and every door its venue's addresses (a standby added since).
func (s *Server) doorContact(c *fiber.Ctx) error {
	who := callerOf(c)
	var body struct {
		Queued int `json:"queued"`
	}
	if err := decode(c, &body); err != nil {
		return err
	}
	if err := s.store.DoorContact(c.UserContext(), who.door.ID, body.Queued); err != nil {
		return err
	}
	return c.JSON(fiber.Map{"door": who.door.Name, "time": time.Now().UTC(), "venue": s.venueFor(c)})
}

// doorFeed lists the action's check-ins and undos after ?since=SEQ, so a
// door phone keeps its offline "already checked in" answers right. Without
// since (or with a negative one) it answers only the cursor to start from.
// Codes and names: doors and organizers only, never displays. Each node
// numbers its own feed. The answer carries the action's total too: a door
// sending to its venue's other node reads both from there, having no live
// connection to it. It carries the roster's version as well: a phone whose
// roster is older reads it again.
func (s *Server) doorFeed(c *fiber.Ctx) error {
	action := actionOf(c)
	c.Set(fiber.HeaderCacheControl, "no-store")
	version := s.store.RosterVersion()
	since := int64(c.QueryInt("since", -1))
	if since < 0 {
		cursor, err := s.store.FeedCursor(c.UserContext(), action)
		if err != nil {
			return err
		}
		return c.JSON(fiber.Map{"cursor": cursor, "items": []store.FeedItem{}, "more": false, "roster": version})
	}
	items, err := s.store.CheckInFeed(c.UserContext(), action, since, feedPage)
	if err != nil {
		return err
	}
	cursor := since
	if len(items) > 0 {
		cursor = items[len(items)-1].Seq
	}
	total, _ := s.tally.Total(action)
	return c.Status(http.StatusOK).JSON(fiber.Map{"cursor": cursor, "items": items, "more": len(items) == feedPage,
		"total": total, "roster": version})
}
