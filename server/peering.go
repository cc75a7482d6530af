package server

import (
	"context"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"presente/server/peer"
)

// StartNetwork makes this server a node of a network: it records its name,
// which starts the outbox, and the venue it counts in (its own, unless its
// link names the venue it is a standby of), and starts the node. Close the
// node before Shutdown, so it stops applying before the store closes.
func (s *Server) StartNetwork(ctx context.Context, cfg peer.Config) (*peer.Node, error) {
	parent, venue := "", ""
	if cfg.Join != nil {
		parent, venue = cfg.Join.Parent, cfg.Join.Venue
	}
	if err := s.setSelf(ctx, cfg.Name, parent); err != nil {
		return nil, err
	}
	if err := s.useVenue(ctx, &cfg); err != nil {
		return nil, err
	}
	if err := s.store.SetVenue(ctx, venue); err != nil {
		return nil, err
	}
	return peer.Start(ctx, cfg, journal{s.store}, gate{s.store})
}

// setSelf records this node's name and parent, and says so when the node
// joins another parent than it did: a standby that joins the hub in its
// lost primary's place sends on the primary's writes it holds (the store's
// rehome.go), which the person who started it should know.
func (s *Server) setSelf(ctx context.Context, name, parent string) error {
	j, err := s.store.JoinAs(ctx, name, parent)
	switch {
	case err != nil:
		return err
	case j.Rehomed:
		s.log.Warn(fmt.Sprintf("this node joined %s and now joins %s in its place: it sends %s what it holds of %s's "+
			"writes and every door's last change, each to count once. If %s is revoked at %s, serve no doors from its "+
			"old data folder: what it scans would reach no other node", j.WasParent, parent, parent, j.WasParent,
			j.WasParent, parent), "name", name, "writes", j.SentOn)
	case j.WasParent != "" && j.WasParent != parent:
		s.log.Info("this node joined "+j.WasParent+" and now joins "+parent, "name", name)
	}
	return nil
}

// nodes answers this node's place in a network of nodes: its name, its
// parent's, and each link as the node last saw it (up or down since when,
// refused by the parent, writes waiting each way). A single node answers empty names and no links.
func (s *Server) nodes(c *fiber.Ctx) error {
	name, parent, err := s.store.Self(c.UserContext())
	if err != nil {
		return err
	}
	links, err := s.store.PeerLinks(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"name": name, "parent": parent, "links": links})
}

// venues splits the action's turnout by venue: counts only, safe for a
// projector. It also says where this node stands: its venue and whether it
// is the hub; at a venue, its own hall's count by institution and the link
// to the node it joined, up or down since when. A single node answers no
// venue.
func (s *Server) venues(c *fiber.Ctx) error {
	ctx, action := c.UserContext(), actionOf(c)
	vs, err := s.store.VenueCounts(ctx, action)
	if err != nil {
		return err
	}
	self, hub, err := s.store.Venue(ctx)
	if err != nil {
		return err
	}
	out := fiber.Map{"self": self, "hub": hub, "venues": vs}
	if self != "" && !hub {
		if out["hall"], err = s.store.HallCounts(ctx, action, self); err != nil {
			return err
		}
		if out["link"], err = s.parentLink(ctx); err != nil {
			return err
		}
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(out)
}

// parentLink is the link to the node this one joined, as last seen; nil
// before the node first looked.
func (s *Server) parentLink(ctx context.Context) (any, error) {
	links, err := s.store.PeerLinks(ctx)
	if err != nil {
		return nil, err
	}
	for _, l := range links {
		if l.Role == "parent" {
			return fiber.Map{"up": l.Up, "refused": l.Refused, "since": l.Since}, nil
		}
	}
	return nil, nil
}

// setVenueShares records the part of the action's goal each venue took on:
// {"durham": 400, "raleigh": 250}; 0 removes a venue's.
func (s *Server) setVenueShares(c *fiber.Ctx) error {
	var body map[string]int
	if err := decode(c, &body); err != nil {
		return err
	}
	for venue, share := range body {
		if err := s.store.SetVenueShare(c.UserContext(), actionOf(c), venue, share); err != nil {
			return err
		}
	}
	return s.venues(c)
}

// atHub lets an edit of the roster, an action or its commitments through
// only at a node without a parent: at a venue or a standby such an edit
// would be overwritten by the hub's next one and never sent up.
func (s *Server) atHub(c *fiber.Ctx) error {
	if err := s.store.EditableHere(c.UserContext()); err != nil {
		return err
	}
	return c.Next()
}
