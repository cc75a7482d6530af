package peer

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// A stream retries a source it lost with a growing back-off (up to two
// minutes in the NATS server), so a link back after a long break could sit
// idle that long. When a link comes back up, the node drops that source and
// adds it again: the stream resumes it at once, from the last message it
// holds from it.

// resource restarts the sourcing of stream from the node called from.
func (n *Node) resource(ctx context.Context, stream, from string) error {
	cfg := map[string]func() jetstream.StreamConfig{
		streamUp:     func() jetstream.StreamConfig { return n.upConfig(n.children) },
		streamAll:    n.allConfig,
		streamRoster: n.rosterConfig,
	}[stream]()
	without := cfg
	without.Sources = slices.DeleteFunc(slices.Clone(cfg.Sources), func(s *jetstream.StreamSource) bool {
		return s.External != nil && s.External.APIPrefix == apiPrefix(from)
	})
	if len(without.Sources) == len(cfg.Sources) {
		return nil
	}
	n.streamsMu.Lock()
	defer n.streamsMu.Unlock()
	if _, err := n.js.UpdateStream(ctx, without); err != nil {
		return fmt.Errorf("restart source %s of %s: %w", from, stream, err)
	}
	if _, err := n.js.UpdateStream(ctx, cfg); err != nil {
		return fmt.Errorf("restart source %s of %s: %w", from, stream, err)
	}
	return nil
}

// kickSources restarts the sources of links that just came up, and of
// links up whose source has heard nothing for a while or reports an error
// (it may have tried while the other node was still starting, and be
// waiting out a back-off): at most once per staleAfter for each.
func (n *Node) kickSources(ctx context.Context, up map[string]bool) {
	for name, isUp := range up {
		if !isUp {
			continue
		}
		for _, stream := range n.streamsFrom(name) {
			key := name + "/" + stream
			if n.links.get(name).Up && !n.stale(ctx, stream, name) || time.Since(n.kicked[key]) < staleAfter {
				continue
			}
			n.kicked[key] = time.Now()
			if err := n.resource(ctx, stream, name); err != nil {
				n.log.Warn("restart source", "err", err)
			}
		}
	}
}

// staleAfter is how long a source on a link that is up may stay silent:
// a healthy one hears a heartbeat every second.
const staleAfter = 5 * time.Second

func (n *Node) stale(ctx context.Context, stream, from string) bool {
	si, ok := n.sourceInfo(ctx, "", stream, from)
	return ok && (si.Error != nil || si.Active < 0 || si.Active > staleAfter)
}

// streamsFrom are the streams of this node that source the node called name.
func (n *Node) streamsFrom(name string) []string {
	if n.cfg.Join != nil && name == n.cfg.Join.Parent {
		return []string{streamAll, streamRoster}
	}
	return []string{streamUp}
}
