package server

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"presente/server/peer"
)

// StartNetwork makes this server a node of a network: it records its name,
// which starts the outbox, and starts the node. Close the node before
// Shutdown, so it stops applying before the store closes.
func (s *Server) StartNetwork(ctx context.Context, cfg peer.Config) (*peer.Node, error) {
	parent := ""
	if cfg.Join != nil {
		parent = cfg.Join.Parent
	}
	if err := s.store.SetSelf(ctx, cfg.Name, parent); err != nil {
		return nil, err
	}
	return peer.Start(ctx, cfg, journal{s.store}, gate{s.store})
}

// nodes answers this node's place in a network of nodes: its name, its
// parent's, and each link as the node last saw it (up or down since when,
// writes waiting each way). A single node answers empty names and no links.
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

// venues splits the action's turnout by the node of the network that
// recorded it: counts only, safe for a projector.
func (s *Server) venues(c *fiber.Ctx) error {
	vs, err := s.store.VenueCounts(c.UserContext(), actionOf(c))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(fiber.Map{"venues": vs})
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
