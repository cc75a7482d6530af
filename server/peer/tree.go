package peer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// treeKind is the last token of the subject on which a node tells its
// parent which nodes are below it: up.NAME.tree, in its own UP, which the
// parent sources. It is not a write: it is kept, not applied nor handed on.
const treeKind = "tree"

func isTree(subject string) bool { return strings.HasSuffix(subject, "."+treeKind) }

// announce tells the parent, through this node's UP, which nodes are below
// this one and what each may write to, when that changed since it last
// did. A node calls it before it sources a new child, so the parent knows
// of the child before any of its writes.
func (n *Node) announce(ctx context.Context) error {
	if n.cfg.Join == nil {
		return nil
	}
	below, err := n.gate.Tree(ctx)
	if err != nil {
		return err
	}
	data, err := json.Marshal(below)
	if err != nil {
		return fmt.Errorf("encode tree: %w", err)
	}
	if n.told == nil {
		n.told = n.lastTold(ctx)
	}
	if bytes.Equal(data, n.told) {
		return nil
	}
	if _, err := n.js.Publish(ctx, n.treeSubject(), data); err != nil {
		return fmt.Errorf("announce tree: %w", err)
	}
	n.told = data
	return nil
}

// lastTold is the tree this node last told its parent, as its UP keeps
// it: a node started again does not tell the same again, which would
// count as a write waiting for the parent while the link is down.
func (n *Node) lastTold(ctx context.Context) []byte {
	s, err := n.js.Stream(ctx, streamUp)
	if err != nil {
		return nil
	}
	m, err := s.GetLastMsgForSubject(ctx, n.treeSubject())
	if err != nil {
		return nil
	}
	return m.Data
}

// takeTree keeps what a child told of the nodes below it. Only the child
// speaks for its part: the word of a node further down came up inside the
// child's, and is passed over.
func (n *Node) takeTree(ctx context.Context, via, origin string, data []byte) error {
	if via == "" || origin != via {
		return fmt.Errorf("tree from %s by %q: %w", origin, via, ErrSkip)
	}
	var below []Below
	if err := json.Unmarshal(data, &below); err != nil {
		return fmt.Errorf("decode tree from %s: %v: %w", via, err, ErrSkip)
	}
	return n.gate.SetTree(ctx, via, below)
}
