package peer

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Stream names, the same on every node; each node's are in its own domain.
const (
	streamUp     = "UP"     // this node's writes and its children's
	streamAll    = "ALL"    // every write of the actions this node shares, from the parent
	streamRoster = "ROSTER" // the hub's roster, the last version of each record
)

// keepWrites bounds how long the streams keep a write: the database holds
// it for good; the streams only carry it to nodes that were cut off.
const keepWrites = 90 * 24 * time.Hour

// dedupeWindow is how long a stream remembers a message id.
const dedupeWindow = 10 * time.Minute

// subject is where this node publishes a write of kind to the action with
// uid: up.NAME.ACTION.KIND. The action travels in the subject so that a
// node's streams can source only the writes of the actions its children
// share (scope.go).
func (n *Node) subject(kind, action string) string {
	return "up." + n.cfg.Name + "." + ActionToken(action) + "." + kind
}

// treeSubject is where this node tells its parent of the nodes below it.
func (n *Node) treeSubject() string { return "up." + n.cfg.Name + "." + treeKind }

// ActionToken is an action's uid as a subject token; "_" for none: such a
// write reaches only the nodes that share every action.
func ActionToken(uid string) string {
	if uid == "" || strings.ContainsAny(uid, ".*> \t") {
		return "_"
	}
	return uid
}

// apiPrefix reaches the JetStream of the node called name, over the links.
func apiPrefix(name string) string { return "$JS." + name + ".API" }

// deliverUp prefixes the subjects on which the UP of the node called name
// reaches its parent's, and deliverDown those on which its parent's ALL
// and ROSTER reach it: one prefix per link, so the permissions of a link
// let its node send and receive its own and no other's.
func deliverUp(name string) string   { return "src.up." + name }
func deliverDown(name string) string { return "src.down." + name }

// inbox prefixes the replies to the requests of the node called name's
// own client, so a link lets through to a node its own replies only.
func inbox(name string) string { return "_I." + name }

func (n *Node) ensureStreams(ctx context.Context) error {
	children, err := n.gate.Children(ctx)
	if err != nil {
		return err
	}
	if err := n.ensureUp(ctx, children); err != nil {
		return err
	}
	if _, err := n.js.CreateOrUpdateStream(ctx, n.allConfig()); err != nil {
		return fmt.Errorf("stream %s: %w", streamAll, err)
	}
	if _, err := n.js.CreateOrUpdateStream(ctx, n.rosterConfig()); err != nil {
		return fmt.Errorf("stream %s: %w", streamRoster, err)
	}
	n.children = children
	return n.syncScopes(ctx)
}

// ensureUp makes UP source children. A node with a parent tells it first
// which nodes are below it (announce), before a child it did not source
// yet hands over its first write: the parent refuses a write from a node
// it was not told of.
func (n *Node) ensureUp(ctx context.Context, children []string) error {
	if n.cfg.Join != nil && len(children) > 0 {
		if _, err := n.js.CreateOrUpdateStream(ctx, n.upConfig(nil)); err != nil {
			return fmt.Errorf("stream %s: %w", streamUp, err)
		}
		if err := n.announce(ctx); err != nil {
			return err
		}
	}
	if _, err := n.js.CreateOrUpdateStream(ctx, n.upConfig(children)); err != nil {
		return fmt.Errorf("stream %s: %w", streamUp, err)
	}
	return nil
}

// upConfig holds this node's writes and sources each child's UP. A write
// from a child's side of the tree is stored under via.CHILD., so this node
// knows which link handed it over whatever the write claims.
func (n *Node) upConfig(children []string) jetstream.StreamConfig {
	cfg := jetstream.StreamConfig{
		Name:       streamUp,
		Subjects:   []string{"up." + n.cfg.Name + ".>"},
		Storage:    jetstream.FileStorage,
		Duplicates: dedupeWindow,
		MaxAge:     keepWrites,
	}
	for _, c := range children {
		cfg.Sources = append(cfg.Sources, &jetstream.StreamSource{Name: streamUp,
			External:          &jetstream.ExternalStream{APIPrefix: apiPrefix(c), DeliverPrefix: deliverUp(c)},
			SubjectTransforms: []jetstream.SubjectTransformConfig{{Source: ">", Destination: "via." + c + ".>"}}})
	}
	return cfg
}

// allConfig sources what the parent keeps of its ALL for this node (its
// ALL_NAME, scope.go). The hub's ALL is written by the hub itself, with
// the writes of its UP that the link they came by allowed, under
// all.ACTION.; so is, besides, the ALL of any node that accepts others,
// under down.ACTION.NAME. (down.go).
func (n *Node) allConfig() jetstream.StreamConfig {
	cfg := jetstream.StreamConfig{Name: streamAll, Storage: jetstream.FileStorage, Duplicates: dedupeWindow,
		MaxAge: keepWrites}
	if n.cfg.Join == nil {
		cfg.Subjects = []string{"all.>"}
		return cfg
	}
	cfg.Sources = []*jetstream.StreamSource{{Name: allFor(n.cfg.Name), External: n.fromParent()}}
	cfg.Subjects = n.downSubjects()
	return cfg
}

// rosterConfig keeps the last version of each record of the roster: the
// hub's is written by the hub, every other node's sources what its parent
// keeps of its own for this node (ROSTER_NAME).
func (n *Node) rosterConfig() jetstream.StreamConfig {
	cfg := jetstream.StreamConfig{Name: streamRoster, Storage: jetstream.FileStorage, MaxMsgsPerSubject: 1}
	if n.cfg.Join == nil {
		cfg.Subjects = []string{"roster.>"}
		return cfg
	}
	cfg.Sources = []*jetstream.StreamSource{{Name: rosterFor(n.cfg.Name), External: n.fromParent()}}
	return cfg
}

// fromParent is where a stream sourced from the parent finds it.
func (n *Node) fromParent() *jetstream.ExternalStream {
	return &jetstream.ExternalStream{APIPrefix: apiPrefix(n.cfg.Join.Parent), DeliverPrefix: deliverDown(n.cfg.Name)}
}

// syncChildren tells the parent of any change below this node, keeps each
// child's streams to its share, then adds a source to UP for a node added
// since the last look.
func (n *Node) syncChildren(ctx context.Context) error {
	// The children are read before the tree is told, so that every child
	// UP follows was told of first: a node let join between the two reads
	// would otherwise be followed, and its writes handed up, before the
	// parent heard of it, and the parent refuses those for good.
	children, err := n.gate.Children(ctx)
	if err != nil {
		return err
	}
	if err := n.announce(ctx); err != nil {
		return err
	}
	if err := n.syncScopes(ctx); err != nil {
		return err
	}
	if slices.Equal(children, n.children) {
		return nil
	}
	n.streamsMu.Lock()
	_, err = n.js.UpdateStream(ctx, n.upConfig(children))
	n.streamsMu.Unlock()
	if err != nil {
		return fmt.Errorf("stream %s: %w", streamUp, err)
	}
	n.children = children
	return nil
}
