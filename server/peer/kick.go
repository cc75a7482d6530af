package peer

import (
	"context"
	"fmt"
	"slices"

	"github.com/nats-io/nats.go/jetstream"
)

// A stream retries a source it lost with a growing back-off (up to two
// minutes in the NATS server), so a link back after a long break could sit
// idle that long. When a link comes back up, the node drops that source and
// adds it again: the stream resumes it at once, from the last message it
// holds from it.

// resource restarts the sourcing of stream from the node called from.
func (n *Node) resource(ctx context.Context, stream, from string) error {
	cfg := n.allConfig()
	if stream == streamUp {
		cfg = n.upConfig(n.children)
	}
	without := cfg
	without.Sources = slices.DeleteFunc(slices.Clone(cfg.Sources), func(s *jetstream.StreamSource) bool {
		return s.External != nil && s.External.APIPrefix == apiPrefix(from)
	})
	if len(without.Sources) == len(cfg.Sources) {
		return nil
	}
	if _, err := n.js.UpdateStream(ctx, without); err != nil {
		return fmt.Errorf("restart source %s of %s: %w", from, stream, err)
	}
	if _, err := n.js.UpdateStream(ctx, cfg); err != nil {
		return fmt.Errorf("restart source %s of %s: %w", from, stream, err)
	}
	return nil
}

// kickSources restarts the sources of links that just came up.
func (n *Node) kickSources(ctx context.Context, up map[string]bool) {
	for name, isUp := range up {
		if !isUp || n.links.get(name).Up {
			continue
		}
		stream := streamUp
		if n.cfg.Join != nil && name == n.cfg.Join.Parent {
			stream = streamAll
		}
		if err := n.resource(ctx, stream, name); err != nil {
			n.log.Warn("restart source", "err", err)
		}
	}
}
