package peer

import (
	"context"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// publishBatch bounds how many writes go out before the cursor moves.
const publishBatch = 256

// publishLoop publishes this node's committed writes to its own UP stream,
// in commit order, whenever told of a commit, and otherwise looks every
// 100 ms (two small reads), so the write path need not call Notify. The
// stream is local, so this never waits on a link; the outbox cursor moves
// only once the stream acknowledged, so a crash resends (deduped by ID).
func (n *Node) publishLoop(ctx context.Context) {
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		for {
			more, err := n.publishSome(ctx)
			if err != nil && ctx.Err() == nil {
				n.log.Warn("publish writes", "err", err)
			}
			if !more || err != nil {
				break
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-n.kick:
		case <-tick.C:
		}
	}
}

// publishSome publishes the next batch and reports whether there may be more.
func (n *Node) publishSome(ctx context.Context) (bool, error) {
	from, err := n.journal.Published(ctx)
	if err != nil {
		return false, err
	}
	entries, err := n.journal.Outbox(ctx, from, publishBatch)
	if err != nil || len(entries) == 0 {
		return false, err
	}
	var acks []jetstream.PubAckFuture
	for _, e := range entries {
		if e.Gone {
			continue
		}
		f, err := n.js.PublishAsync(n.subject(e.Kind), e.Data, jetstream.WithMsgID(e.ID))
		if err != nil {
			return false, fmt.Errorf("publish %s: %w", e.ID, err)
		}
		acks = append(acks, f)
	}
	if err := waitAcks(ctx, acks); err != nil {
		return false, err
	}
	if err := n.journal.SetPublished(ctx, entries[len(entries)-1].Seq); err != nil {
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
