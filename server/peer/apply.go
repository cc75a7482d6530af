package peer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
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
	n.streamsMu.Lock()
	cons, err := n.js.CreateOrUpdateConsumer(ctx, stream, jetstream.ConsumerConfig{
		Durable: n.consumerName(), AckPolicy: jetstream.AckExplicitPolicy, MaxAckPending: 4 * applyBatch,
		AckWait: 30 * time.Second, MaxDeliver: notYetTries,
	})
	n.streamsMu.Unlock()
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
		if err := n.applyMsgs(ctx, stream, batch); err != nil {
			return err
		}
	}
}

// consumerName names this node's apply consumers. Acknowledgements travel
// on subjects that name the stream and the consumer but not the domain, and
// cross the links with no permission check: with one name on every node,
// an acknowledgement at one venue would count at another, whose streams
// hold the same messages under the same sequence numbers; with a name
// another node could guess, that node could acknowledge a write this one
// has not applied, which it would then never apply. So the name holds a
// secret of this node's, kept beside its streams.
func (n *Node) consumerName() string { return "apply-" + n.cfg.Name + "-" + n.key }

// consumerKey reads the secret of this node's consumer names from dir,
// making it the first time.
func consumerKey(dir string) (string, error) {
	path := filepath.Join(dir, "consumer-key")
	b, err := os.ReadFile(path)
	if err == nil && len(bytes.TrimSpace(b)) > 0 {
		return string(bytes.TrimSpace(b)), nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("read consumer key: %w", err)
	}
	key := randomSecret()[:24]
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("write consumer key: %w", err)
	}
	if err := os.WriteFile(path, []byte(key+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("write consumer key: %w", err)
	}
	return key, nil
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
// come back down from the parent and are skipped), then acknowledges each,
// or asks for it again: later when it does not apply yet (its action or
// leader has not come down yet), at once after any other failure. The hub,
// and any node that accepts others, also hands every write of its UP it
// allowed on to its ALL.
func (n *Node) applyMsgs(ctx context.Context, stream string, batch []jetstream.Msg) error {
	errs := n.applyAll(ctx, stream, batch)
	if stream == streamUp && n.handsDown() {
		if err := n.forward(ctx, batch, errs); err != nil {
			return err
		}
	}
	var failed error
	for i, m := range batch {
		switch err := errs[i]; {
		case err == nil, errors.Is(err, ErrSkip), errors.Is(err, ErrForbidden):
			n.logApplied(m, err)
			m.Ack()
		case errors.Is(err, ErrNotYet):
			m.NakWithDelay(notYetDelay)
		default:
			failed = err
			m.Nak()
		}
	}
	return failed
}

// applyAll hands the batch to the journal, and gives each message its error.
// A child's word on the tree below it is taken in stream order: the
// writes before it are applied first, those after it judged by it.
func (n *Node) applyAll(ctx context.Context, stream string, batch []jetstream.Msg) []error {
	apply := n.journal.Apply
	if stream == streamRoster {
		apply = n.journal.ApplyRoster
	}
	errs := make([]error, len(batch))
	var in []Incoming
	var idx []int
	flush := func() {
		for j, err := range apply(ctx, in) {
			errs[idx[j]] = err
		}
		in, idx = nil, nil
	}
	for i, m := range batch {
		via, origin, action := route(m.Subject())
		switch {
		case origin == n.cfg.Name && via != "":
			errs[i] = fmt.Errorf("write made here came by %s: %w", via, ErrForbidden)
		case origin == n.cfg.Name: // this node's own, in its UP or back from the parent
		case n.handedDown(m.Subject()): // taken from its UP before this node handed it down
		case isTree(m.Subject()):
			flush()
			errs[i] = n.takeTree(ctx, via, origin, m.Data())
		case !n.owns(ctx, via, origin, &errs[i]):
		default:
			in = append(in, Incoming{Via: via, Origin: origin, Action: action, Data: m.Data()})
			idx = append(idx, i)
		}
	}
	flush()
	return errs
}

// owns reports whether a write made at origin may come by the child link
// via (any may come from the parent), and otherwise sets *err.
func (n *Node) owns(ctx context.Context, via, origin string, err *error) bool {
	if via == "" {
		return true
	}
	ok, e := n.gate.Owns(ctx, via, origin)
	switch {
	case e != nil:
		*err = e
	case !ok:
		*err = fmt.Errorf("write made at %q by %s: %w", origin, via, ErrForbidden)
	}
	return ok && e == nil
}

func (n *Node) logApplied(m jetstream.Msg, err error) {
	switch {
	case errors.Is(err, ErrForbidden):
		n.log.Warn("write refused", "subject", m.Subject(), "err", err)
	case errors.Is(err, ErrSkip):
		n.log.Debug("write not applied", "subject", m.Subject(), "err", err)
	}
}

// forward publishes to this node's ALL each write of batch that applied or
// does not apply here, under all.ACTION. at the hub and down.ACTION.NAME.
// elsewhere (down.go), with its own message id, so a repeat is stored once
// and each node's streams can take the actions it shares only (scope.go).
func (n *Node) forward(ctx context.Context, batch []jetstream.Msg, errs []error) error {
	var acks []jetstream.PubAckFuture
	for i, m := range batch {
		if errs[i] != nil && !errors.Is(errs[i], ErrSkip) || isTree(m.Subject()) {
			continue
		}
		msg := nats.NewMsg(n.downSubject(m.Subject()))
		msg.Data = m.Data()
		msg.Header.Set(jetstream.MsgIDHeader, m.Headers().Get(jetstream.MsgIDHeader))
		f, err := n.js.PublishMsgAsync(msg)
		if err != nil {
			return fmt.Errorf("forward: %w", err)
		}
		acks = append(acks, f)
	}
	return waitAcks(ctx, acks)
}

// Incoming is a write from another node, the child link it came by (""
// when it came from the parent), and the node and the action its subject
// names: a write whose subject names another action than the write itself
// is forbidden, since the subject decides which nodes receive it.
type Incoming struct {
	Via    string
	Origin string
	Action string
	Data   []byte
}

// route reads a write's subject: the child link that handed it to this
// node, the node that made it, and its action. Subjects are
// up.ORIGIN.ACTION.KIND (up.ORIGIN.tree for what a node tells of the tree
// below it), with a via.CHILD. in front for each link it came up by, and
// all.ACTION. in front once the hub allowed it, down.ACTION.NODE. once a
// node that accepts others handed it down itself (down.go).
func route(subject string) (via, origin, action string) {
	t := strings.Split(subject, ".")
	switch {
	case len(t) > 2 && t[0] == "all": // from the parent: no link of this node's
		t = t[2:]
	case len(t) > 3 && t[0] == "down": // handed down by a node above, or this one
		t = t[3:]
	case len(t) > 1 && t[0] == "via":
		via = t[1]
	}
	for len(t) > 2 && t[0] == "via" {
		t = t[2:]
	}
	if len(t) < 3 || t[0] != "up" {
		return via, "", ""
	}
	if len(t) == 4 {
		action = t[2]
	}
	return via, t[1], action
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

// ErrNotYet marks a write that cannot apply yet: the action, leader or
// check-in it names has not reached this node. It is tried again after
// notYetDelay, notYetTries times at most (half an hour).
var ErrNotYet = errors.New("write does not apply yet")

const (
	notYetDelay = 2 * time.Second
	notYetTries = 900
)

// ErrForbidden marks a write the link it came by may not make (an action
// that node does not share): it is neither applied nor handed on.
var ErrForbidden = errors.New("write not allowed from that node")
