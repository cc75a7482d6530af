package peer

import (
	"context"
	"time"
)

// Gate says which nodes may join this one.
type Gate interface {
	// Allowed reports whether name may open a link with secret.
	Allowed(ctx context.Context, name, secret string) (bool, error)
	// Children is every node allowed to join, revoked or not: a revoked
	// node's writes made before it was cut off are still wanted.
	Children(ctx context.Context) ([]string, error)
	// Revoked is every node cut off: a link it still holds is closed.
	Revoked(ctx context.Context) ([]string, error)
	// Tree is what this node tells its parent of the nodes below it.
	Tree(ctx context.Context) ([]Below, error)
	// SetTree keeps what the child called via told of the nodes below it.
	SetTree(ctx context.Context, via string, below []Below) error
	// Shares is every node allowed to join, revoked or not, with the
	// actions it shares with this one.
	Shares(ctx context.Context) ([]Below, error)
	// Owns reports whether origin is the child via or a node it told of
	// (and of no other link's side, and not this node or its parent).
	Owns(ctx context.Context, via, origin string) (bool, error)
}

// Below is a node in the part of the network below one of a node's links,
// and the actions it may write to: a node takes from that link only the
// writes of the child itself and of the nodes it told of, each for its
// actions. The child is believed about its own part only, and no further
// than the actions it may itself write to.
type Below struct {
	Name    string   `json:"name"`
	Every   bool     `json:"every,omitempty"`   // every action the link may write to
	Actions []string `json:"actions,omitempty"` // else these, by uid
}

// Entry is one of this node's writes to publish.
type Entry struct {
	Seq    int64
	ID     string // dedupes it on the way: the same ID is stored once
	Kind   string
	Action string // the uid of its action; "" for a roster record every node gets
	Data   []byte
	Gone   bool // nothing to send any more
}

// LinkState is one link as this node sees it.
type LinkState struct {
	Name       string
	Role       string // "parent" or "child"
	Up         bool
	Refused    bool // down because the parent refuses this node's secret
	Since      time.Time
	WaitingOut int64 // writes not yet sent along the link
	WaitingIn  int64 // writes received, or waiting to be, not yet applied
}

// Journal is this node's store as replication sees it.
type Journal interface {
	Outbox(ctx context.Context, after int64, limit int) ([]Entry, error)
	Published(ctx context.Context) (int64, error)
	SetPublished(ctx context.Context, seq int64) error
	OutboxEnd(ctx context.Context) (int64, error)
	// Apply applies writes from other nodes, each at most once: an error
	// that wraps ErrSkip or ErrForbidden is final, ErrNotYet is tried again
	// a little later, any other at once.
	Apply(ctx context.Context, writes []Incoming) []error
	SaveLinks(ctx context.Context, links []LinkState) error

	// The roster's outbox, at the hub: Entry.ID is the record's identity.
	RosterOutbox(ctx context.Context, after int64, limit int) ([]Entry, error)
	RosterPublished(ctx context.Context) (int64, error)
	SetRosterPublished(ctx context.Context, seq int64) error
	// ApplyRoster applies records that came down from the hub.
	ApplyRoster(ctx context.Context, records []Incoming) []error
}
