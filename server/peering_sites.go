package server

import (
	"context"

	"presente/server/peer"
	"presente/server/store"
)

// venueJournal is where the node keeps what it learns of its venue's
// addresses: in the store, so a standby whose primary died still knows
// them after a restart, and in the server's memory, which the doors' API
// and its cross-origin rule read.
type venueJournal struct{ s *Server }

var _ peer.Sites = venueJournal{}

func (v venueJournal) Standbys(ctx context.Context) ([]string, error) { return v.s.store.Standbys(ctx) }

func (v venueJournal) SaveSite(ctx context.Context, node, role string, origins []string) error {
	if err := v.s.store.SaveVenueSite(ctx, node, role, origins); err != nil {
		return err
	}
	return v.s.reloadVenue(ctx)
}

// useVenue makes the node announce this server's origins and keep what it
// learns of its venue's.
func (s *Server) useVenue(ctx context.Context, cfg *peer.Config) error {
	cfg.Sites = venueJournal{s}
	s.venue.set(cfg.Origins, store.VenueSites{})
	return s.reloadVenue(ctx)
}
