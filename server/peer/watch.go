package peer

import (
	"context"
	"sort"
	"sync"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go/jetstream"
)

// linkBook keeps each link's state and since when it has been so.
type linkBook struct {
	mu    sync.Mutex
	links map[string]LinkState
}

func newLinkBook() *linkBook { return &linkBook{links: map[string]LinkState{}} }

// set records l, keeping Since when up did not change.
func (b *linkBook) set(l LinkState, now time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	old, ok := b.links[l.Name]
	l.Since = now
	if ok && old.Up == l.Up {
		l.Since = old.Since
	}
	b.links[l.Name] = l
}

func (b *linkBook) get(name string) LinkState {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.links[name]
}

func (b *linkBook) all() []LinkState {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]LinkState, 0, len(b.links))
	for _, l := range b.links {
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Role != out[j].Role {
			return out[i].Role > out[j].Role // the parent first
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// Links is each link of this node: up or down since when, writes waiting
// each way.
func (n *Node) Links() []LinkState { return n.links.all() }

// watchEvery is how often a node looks at its links.
const watchEvery = time.Second

// watchLoop looks at the links once a second: cuts off revoked nodes,
// follows nodes added since, and records each link's state.
func (n *Node) watchLoop(ctx context.Context) {
	tick := time.NewTicker(watchEvery)
	defer tick.Stop()
	for i := 0; ; i++ {
		if err := n.watch(ctx, i%5 == 0); err != nil && ctx.Err() == nil {
			n.log.Warn("watch links", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

func (n *Node) watch(ctx context.Context, save bool) error {
	if err := n.syncChildren(ctx); err != nil {
		return err
	}
	up, err := n.connected(ctx)
	if err != nil {
		return err
	}
	n.kickSources(ctx, up)
	n.followed = n.followers()
	now := time.Now()
	if n.cfg.Join != nil {
		n.links.set(n.parentLink(ctx, up[n.cfg.Join.Parent]), now)
	}
	for _, c := range n.children {
		n.links.set(n.childLink(ctx, c, up[c]), now)
	}
	if err := n.saveMarks(); err != nil {
		n.log.Warn("watch links", "err", err)
	}
	if !save {
		return nil
	}
	return n.journal.SaveLinks(ctx, n.links.all())
}

// connected is which nodes have a link up, by name, after cutting off any
// that were revoked since they connected.
func (n *Node) connected(ctx context.Context) (map[string]bool, error) {
	revoked, err := n.revoked(ctx)
	if err != nil {
		return nil, err
	}
	lz, err := n.ns.Leafz(&server.LeafzOptions{})
	if err != nil {
		return nil, err
	}
	names := n.auth.leafNames()
	up := map[string]bool{}
	live := map[uint64]bool{}
	for _, l := range lz.Leafs {
		live[l.ID] = true
		name, accepted := names[l.ID]
		switch {
		case accepted && revoked[name]:
			n.ns.DisconnectClientByID(l.ID)
		case accepted:
			up[name] = true
		case n.cfg.Join != nil:
			up[n.cfg.Join.Parent] = true
		}
	}
	for id := range names {
		if !live[id] {
			n.auth.forget(id)
		}
	}
	return up, nil
}

func (n *Node) revoked(ctx context.Context) (map[string]bool, error) {
	peers, err := n.gate.Revoked(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, p := range peers {
		out[p] = true
	}
	return out, nil
}

// parentLink: out is what this node has not yet handed on (its outbox, and
// what the parent has yet to take from its UP); in is what the parent has
// that this node has not yet taken. A link the parent refuses (it revoked
// this node, or the link is wrong) says so.
func (n *Node) parentLink(ctx context.Context, up bool) LinkState {
	name := n.cfg.Join.Parent
	l := n.links.get(name)
	l.Name, l.Role, l.Up = name, "parent", up
	l.Refused = !up && n.refusal.recent()
	l.WaitingOut = n.unpublished(ctx) + n.parentBehind(ctx, name, up)
	if lag, ok := n.sourceLag(ctx, "", streamAll, name); ok {
		l.WaitingIn = lag + n.pending(ctx, streamAll)
	}
	return l
}

// parentBehind is what the parent has yet to take from this node's UP.
// The parent's stream takes it through a consumer here, which its
// JetStream creates and labels with its domain: while the link is up, what
// waits for that consumer (or else the lag the parent reports, asked over
// the link) is the answer and marks where the parent took to; while down,
// what UP gained since that mark, so the count grows with the writes made
// apart.
func (n *Node) parentBehind(ctx context.Context, name string, up bool) int64 {
	return n.behindOf(ctx, name, streamUp, up, func() (int64, bool) {
		return n.sourceLag(ctx, name, streamUp, n.cfg.Name)
	})
}

// childLink: in is what this node has yet to take from the child's UP; out
// is what the child has yet to take from this node's ALL. This node may not
// ask the child (its link lets no reply through), so it reads out from the
// consumer the child's ALL follows it by, here.
func (n *Node) childLink(ctx context.Context, name string, up bool) LinkState {
	l := n.links.get(name)
	l.Name, l.Role, l.Up = name, "child", up
	if lag, ok := n.sourceLag(ctx, "", streamUp, name); ok {
		l.WaitingIn = lag
	}
	l.WaitingOut = n.childBehind(ctx, name, up)
	return l
}

// childBehind is what the child called name has yet to take from what
// this node keeps of its ALL for it, read from the consumer the child's ALL
// follows it by, as parentBehind reads the parent's.
func (n *Node) childBehind(ctx context.Context, name string, up bool) int64 {
	return n.behindOf(ctx, name, allFor(name), up, nil)
}

// behindOf is what the node called name has yet to take from stream here.
// While the link is up, that is what waits for the consumer name's stream
// follows stream by (or, with none yet, what ask says, if anything), which
// also marks where it took to; while down, what stream gained since the
// mark (the consumer, left without its reader, may have sent a few into
// the void, or be gone), or, with no mark, what the consumer still counts.
// Marks are kept on disk, so a node restarted while apart still counts
// what it made since.
func (n *Node) behindOf(ctx context.Context, name, stream string, up bool, ask func() (int64, bool)) int64 {
	last, ok := n.lastSeq(ctx, stream)
	if !ok {
		return 0
	}
	pending, found := n.followed[follower{stream, name}]
	if up && !found && ask != nil {
		pending, found = ask()
	}
	if up && found {
		n.mark(name, last-pending)
		return pending
	}
	if _, marked := n.taken[name]; marked || !found {
		return n.since(name, last)
	}
	return pending
}

// since is how many writes of a stream whose last is last came after the
// mark of what the node called name took of it; 0 with no mark.
func (n *Node) since(name string, last int64) int64 {
	taken, ok := n.taken[name]
	if !ok {
		return 0
	}
	return max(last-taken, 0)
}

// lastSeq is the sequence of the last write this node's stream holds.
func (n *Node) lastSeq(ctx context.Context, stream string) (int64, bool) {
	ctx, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
	defer cancel()
	s, err := n.js.Stream(ctx, stream)
	if err != nil {
		return 0, false
	}
	return int64(s.CachedInfo().State.LastSeq), true
}

// followers is, at one look, what waits for each consumer another node's
// stream follows one of this node's streams by: keyed by the stream and
// that node's domain (its name), with which its JetStream labels the
// consumer. Such a consumer is a direct one, which the JetStream API does
// not list, so they are read from the embedded server's own report, once
// for every link a look sees.
func (n *Node) followers() map[follower]int64 {
	out := map[follower]int64{}
	jsz, err := n.ns.Jsz(&server.JSzOptions{Account: n.ns.GlobalAccount().Name, Streams: true,
		Consumer: true, DirectConsumer: true, Config: true})
	if err != nil {
		return out
	}
	for _, acc := range jsz.AccountDetails {
		for _, s := range acc.Streams {
			for _, c := range append(s.Consumer, s.DirectConsumer...) {
				if c.Config == nil || c.Config.Metadata["_nats.src.domain"] == "" {
					continue
				}
				out[follower{s.Name, c.Config.Metadata["_nats.src.domain"]}] = int64(c.NumPending)
			}
		}
	}
	return out
}

// follower is a stream of this node and the node whose stream follows it.
type follower struct{ stream, node string }

func (n *Node) unpublished(ctx context.Context) int64 {
	end, err1 := n.journal.OutboxEnd(ctx)
	done, err2 := n.journal.Published(ctx)
	if err1 != nil || err2 != nil {
		return 0
	}
	return end - done
}

// sourceLag is how far stream, in the domain of node at (this node's for
// ""), lags behind its source in from's domain.
func (n *Node) sourceLag(ctx context.Context, at, stream, from string) (int64, bool) {
	si, ok := n.sourceInfo(ctx, at, stream, from)
	return int64(si.Lag), ok
}

// sourceInfo is the state of stream's source from the node called from.
func (n *Node) sourceInfo(ctx context.Context, at, stream, from string) (jetstream.StreamSourceInfo, bool) {
	ctx, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
	defer cancel()
	js := n.js
	if at != "" {
		var err error
		if js, err = jetstream.NewWithDomain(n.nc, at); err != nil {
			return jetstream.StreamSourceInfo{}, false
		}
	}
	s, err := js.Stream(ctx, stream)
	if err != nil {
		return jetstream.StreamSourceInfo{}, false
	}
	for _, src := range s.CachedInfo().Sources {
		if src.External != nil && src.External.APIPrefix == apiPrefix(from) {
			return *src, true
		}
	}
	return jetstream.StreamSourceInfo{}, false
}

// pending is what the apply consumer of stream has yet to apply.
func (n *Node) pending(ctx context.Context, stream string) int64 {
	c, err := n.js.Consumer(ctx, stream, n.consumerName())
	if err != nil {
		return 0
	}
	info := c.CachedInfo()
	return int64(info.NumPending) + int64(info.NumAckPending)
}
