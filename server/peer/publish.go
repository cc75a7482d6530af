package peer

import (
	"context"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// publishBatch bounds how many records go out before the cursor moves.
const publishBatch = 256

// outbox is one of the node's outboxes: its writes, and at the hub its
// roster.
type outbox struct {
	name      string
	published func(context.Context) (int64, error)
	entries   func(ctx context.Context, after int64, limit int) ([]Entry, error)
	done      func(context.Context, int64) error
	subject   func(Entry) string
	dedupe    bool // send Entry.ID as the message id
}

func (n *Node) outboxes() []outbox {
	out := []outbox{{name: "writes", published: n.journal.Published, entries: n.journal.Outbox,
		done: n.journal.SetPublished, subject: func(e Entry) string { return n.subject(e.Kind, e.Action) }, dedupe: true}}
	if n.cfg.Join == nil {
		out = append(out, outbox{name: "roster", published: n.journal.RosterPublished, entries: n.journal.RosterOutbox,
			done: n.journal.SetRosterPublished, subject: func(e Entry) string { return rosterSubject(e.Action, e.Kind, e.ID) }})
	}
	return out
}

// publishLoop publishes this node's committed writes to its own UP stream
// (and, at the hub, roster changes to ROSTER), in commit order, whenever
// told of a commit, and otherwise looks every 100 ms (two small reads), so
// the write path need not call Notify. The streams are local, so this never
// waits on a link; a cursor moves only once the stream acknowledged, so a
// crash resends (deduped by ID).
func (n *Node) publishLoop(ctx context.Context) {
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	boxes := n.outboxes()
	for {
		for _, box := range boxes {
			n.publishAll(ctx, box)
		}
		select {
		case <-ctx.Done():
			return
		case <-n.kick:
		case <-tick.C:
		}
	}
}

func (n *Node) publishAll(ctx context.Context, box outbox) {
	for {
		more, err := n.publishSome(ctx, box)
		if err != nil && ctx.Err() == nil {
			n.log.Warn("publish", "outbox", box.name, "err", err)
		}
		if !more || err != nil {
			return
		}
	}
}

// publishSome publishes the next batch and reports whether there may be more.
func (n *Node) publishSome(ctx context.Context, box outbox) (bool, error) {
	from, err := box.published(ctx)
	if err != nil {
		return false, err
	}
	entries, err := box.entries(ctx, from, publishBatch)
	if err != nil || len(entries) == 0 {
		return false, err
	}
	var acks []jetstream.PubAckFuture
	for _, e := range entries {
		if e.Gone {
			continue
		}
		var opts []jetstream.PublishOpt
		if box.dedupe {
			opts = append(opts, jetstream.WithMsgID(e.ID))
		}
		f, err := n.js.PublishAsync(box.subject(e), e.Data, opts...)
		if err != nil {
			return false, fmt.Errorf("publish %s: %w", e.ID, err)
		}
		acks = append(acks, f)
	}
	if err := waitAcks(ctx, acks); err != nil {
		return false, err
	}
	if err := box.done(ctx, entries[len(entries)-1].Seq); err != nil {
		return false, err
	}
	return len(entries) == publishBatch, nil
}

// waitAcks waits for every publish to be stored.
func waitAcks(ctx context.Context, acks []jetstream.PubAckFuture) error {
	for _, f := range acks {
		select {
		case <-f.Ok():
		case err := <-f.Err():
			return fmt.Errorf("publish %s: %w", f.Msg().Header.Get(jetstream.MsgIDHeader), err)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}
