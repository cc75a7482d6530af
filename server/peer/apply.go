package peer

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// applyBatch bounds how many writes share one apply call.
const applyBatch = 256

// applyLoop applies, in stream order, the writes in stream that other nodes
// made, through a durable consumer: a write is acknowledged only once the
// store applied it, so a restart resumes where it stopped.
func (n *Node) applyLoop(ctx context.Context, stream string) {
	for ctx.Err() == nil {
		err := n.consume(ctx, stream)
		if err != nil && ctx.Err() == nil {
			n.log.Warn("apply writes", "stream", stream, "err", err)
			sleep(ctx, time.Second)
		}
	}
}

func (n *Node) consume(ctx context.Context, stream string) error {
	cons, err := n.js.CreateOrUpdateConsumer(ctx, stream, jetstream.ConsumerConfig{
		Durable: "apply", AckPolicy: jetstream.AckAllPolicy, MaxAckPending: 4 * applyBatch,
		AckWait: 10 * time.Second,
	})
	if err != nil {
		return err
	}
	it, err := cons.Messages(jetstream.PullMaxMessages(applyBatch))
	if err != nil {
		return err
	}
	defer it.Stop()
	for {
		batch, err := nextBatch(ctx, it)
		if err != nil {
			return err
		}
		if err := n.applyMsgs(ctx, batch); err != nil {
			return err
		}
	}
}

// nextBatch waits for one message, then takes what else is already there.
func nextBatch(ctx context.Context, it jetstream.MessagesContext) ([]jetstream.Msg, error) {
	m, err := it.Next(jetstream.NextContext(ctx))
	if err != nil {
		return nil, err
	}
	batch := []jetstream.Msg{m}
	for len(batch) < applyBatch {
		m, err := it.Next(jetstream.NextMaxWait(2 * time.Millisecond))
		if err != nil {
			break
		}
		batch = append(batch, m)
	}
	return batch, nil
}

// applyMsgs applies the batch's writes from other nodes (this node's own
// come back down from the parent and are skipped) and acknowledges them.
func (n *Node) applyMsgs(ctx context.Context, batch []jetstream.Msg) error {
	var data [][]byte
	for _, m := range batch {
		if origin(m.Subject()) != n.cfg.Name {
			data = append(data, m.Data())
		}
	}
	if len(data) > 0 {
		for _, err := range n.journal.Apply(ctx, data) {
			switch {
			case errors.Is(err, ErrSkip):
				n.log.Debug("write not applied", "err", err)
			case err != nil:
				return err // not acknowledged: it comes again
			}
		}
	}
	return batch[len(batch)-1].Ack()
}

// origin is the node that published a write, from its subject up.NODE.KIND.
func origin(subject string) string {
	parts := strings.SplitN(subject, ".", 3)
	if len(parts) < 3 {
		return ""
	}
	return parts[1]
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// ErrSkip marks a write that does not apply at this node (an action it does
// not share, a leader it does not know): retrying would not change that, so
// it is acknowledged and passed over.
var ErrSkip = errors.New("write does not apply here")
