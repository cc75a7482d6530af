package peer

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/nats-io/nats.go/jetstream"
)

// A node that accepts others hands its children the writes of its own part
// of the tree itself, as the hub hands down the whole network's: it writes
// into its own ALL each write of its UP (its own, and those its children's
// links allowed), beside what its ALL sources from its parent's. So a venue
// primary's writes reach its standby over their own link, in well under a
// second, also while the venue's link to the hub is down; without it they
// went up to the hub and back down, and a standby taking over from a
// primary that died while cut off counted none of the primary's scans since
// the cut. The copy that comes later by way of the hub, under the same
// message id, is a duplicate: the stream drops it within its duplicate
// window, and past it the node applies it once, by client id, as it already
// does a standby's writes that reach its primary both ways.
//
// This is chosen over a child sourcing its parent's UP as well: that UP
// holds what the parent's other children sent before the parent checked it,
// so a child would take writes no link allowed, and its link would need
// the right to read a second stream. Here the child follows the one ALL it
// already does, which holds only what its parent allowed; no permission of
// any link changes.

// handsDown reports whether this node writes into its ALL the writes of
// its UP that their link allowed: the hub, whose ALL holds nothing else,
// and any node that accepts others (--peers). A node that joins and
// accepts no one (most venues) has no child to hand anything to, and pays
// nothing.
func (n *Node) handsDown() bool { return n.cfg.Join == nil || n.cfg.Listen != "" }

// downSubject is where this node writes into its ALL a write of its UP
// stored under subject, the write's action second, as every subject of
// ALL has it (scope.go filters on it). The hub's is all.ACTION.SUBJECT; any
// other node's is down.ACTION.NAME.SUBJECT, subjects of its own: the nodes
// of a network share one NATS account over their links, so with two
// streams listening on one subject only the links' permissions would keep
// each from taking what is published at the other.
func (n *Node) downSubject(subject string) string {
	_, _, action := route(subject)
	if n.cfg.Join == nil {
		return "all." + ActionToken(action) + "." + subject
	}
	return "down." + ActionToken(action) + "." + n.cfg.Name + "." + subject
}

// downSubjects are the subjects of the ALL of a node with a parent: those
// it hands down on, or none when it accepts no one.
func (n *Node) downSubjects() []string {
	if !n.handsDown() {
		return nil
	}
	return []string{"down.*." + n.cfg.Name + ".>"}
}

// handedDown reports whether subject is one this node handed down itself,
// which its ALL holds beside what came from its parent: it was applied, or
// found not to apply, when it was taken from this node's UP.
func (n *Node) handedDown(subject string) bool {
	if n.cfg.Join == nil {
		return false
	}
	t := strings.SplitN(subject, ".", 4)
	return len(t) == 4 && t[0] == "down" && t[2] == n.cfg.Name
}

// handsDownSince names the file, beside the streams, that says this node
// has handed down its writes since it first accepted others.
const handsDownSince = "hands-down"

// handDownEarlier makes a node that accepts others, and did not when it
// last started, hand down the writes it took from its UP before: its UP's
// apply consumer starts again from the first write it holds, so each is
// applied again (once: by client id, or passed over as this node's own)
// and handed down. So a standby that joins a venue restarted with --peers
// hears the venue's earlier writes too, whether its link to the hub is up
// or not. A node that stops accepting others forgets it did, so it does
// this again when it starts to again.
func (n *Node) handDownEarlier(ctx context.Context) error {
	if n.cfg.Join == nil {
		return nil
	}
	mark := filepath.Join(n.cfg.Dir, handsDownSince)
	if !n.handsDown() {
		if err := os.Remove(mark); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("hand down: %w", err)
		}
		return nil
	}
	if _, err := os.Stat(mark); err == nil {
		return nil
	}
	err := n.js.DeleteConsumer(ctx, streamUp, n.consumerName())
	if err != nil && !errors.Is(err, jetstream.ErrConsumerNotFound) {
		return fmt.Errorf("hand down earlier writes: %w", err)
	}
	if err := os.WriteFile(mark, nil, 0o600); err != nil {
		return fmt.Errorf("hand down: %w", err)
	}
	return nil
}
