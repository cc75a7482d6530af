package peer

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/nats-io/nats.go/jetstream"
)

// A node keeps, for each node it let join, the part of its ALL and of its
// ROSTER that node may have: ALL_NAME and ROSTER_NAME, streams that source
// the node's own ALL and ROSTER through one subject filter per action the
// child shares (all.ACTION.>, roster.ACTION.>, and roster.any.> for the
// records every node needs: chapters, institutions, leaders, organizers).
// The child's ALL and ROSTER source those, and its link may create
// consumers on those only (auth.go): the writes of an action it does not
// share never leave this node towards it. A child that shares every action
// has one source without a filter.
//
// A scope changed later ("peer add" again, for the same name) changes the
// sources while the link stays up: an action added is sourced from the
// start of ALL, and what a child's streams kept of an action taken away
// is purged from them, so what it has not taken yet it never gets. What
// it took before stays on it.

func allFor(child string) string    { return streamAll + "_" + child }
func rosterFor(child string) string { return streamRoster + "_" + child }

// rosterAny is the subject token of the roster records every node gets.
const rosterAny = "any"

// rosterSubject is where the hub publishes a roster record of kind with
// key, of the action with uid, or of none (""): roster.ACTION.KIND.KEY.
func rosterSubject(action, kind, key string) string {
	scope := rosterAny
	if action != "" {
		scope = ActionToken(action)
	}
	return "roster." + scope + "." + kind + "." + key
}

// childAllConfig is what this node keeps of its ALL for child.
func (n *Node) childAllConfig(child Below) jetstream.StreamConfig {
	return jetstream.StreamConfig{Name: allFor(child.Name), Storage: jetstream.FileStorage,
		Duplicates: dedupeWindow, MaxAge: keepWrites, Sources: scoped(streamAll, []string{"all", "down"}, child, false)}
}

// childRosterConfig is what this node keeps of its ROSTER for child.
func (n *Node) childRosterConfig(child Below) jetstream.StreamConfig {
	return jetstream.StreamConfig{Name: rosterFor(child.Name), Storage: jetstream.FileStorage, MaxMsgsPerSubject: 1,
		Sources: scoped(streamRoster, []string{"roster"}, child, true)}
}

// scoped sources stream with a filter per action child shares and prefix
// of the stream's subjects (the action is each subject's second token), or
// all of it when it shares every action.
func scoped(stream string, prefixes []string, child Below, roster bool) []*jetstream.StreamSource {
	if child.Every {
		return []*jetstream.StreamSource{{Name: stream}}
	}
	var out []*jetstream.StreamSource
	prefix := prefixes[0]
	if roster {
		out = append(out, &jetstream.StreamSource{Name: stream, FilterSubject: prefix + "." + rosterAny + ".>"})
	}
	for _, a := range slices.Sorted(slices.Values(child.Actions)) {
		for _, p := range prefixes {
			out = append(out, &jetstream.StreamSource{Name: stream, FilterSubject: p + "." + ActionToken(a) + ".>"})
		}
	}
	if len(out) == 0 {
		// no action: a filter nothing matches keeps the stream a sourcing
		// one (a stream with neither sources nor subjects gets its name as
		// its subject)
		out = append(out, &jetstream.StreamSource{Name: stream, FilterSubject: prefix + "._.>"})
	}
	return out
}

// syncScopes makes each child's streams follow what it shares now, for
// the children whose share changed since the last look. The watch loop
// calls it every second, and the gatekeeper when it lets a node in, so a
// node added since finds its streams as its link comes up.
func (n *Node) syncScopes(ctx context.Context) error {
	n.scopeMu.Lock()
	defer n.scopeMu.Unlock()
	shares, err := n.gate.Shares(ctx)
	if err != nil {
		return err
	}
	for _, child := range shares {
		if old, ok := n.scopes[child.Name]; ok && sameScope(old, child) {
			continue
		}
		if err := n.scopeChild(ctx, child); err != nil {
			return err
		}
		n.scopes[child.Name] = child
	}
	return nil
}

func sameScope(a, b Below) bool {
	return a.Every == b.Every && slices.Equal(slices.Sorted(slices.Values(a.Actions)), slices.Sorted(slices.Values(b.Actions)))
}

// scopeChild sets child's streams to its share, then purges from them what
// is outside it.
func (n *Node) scopeChild(ctx context.Context, child Below) error {
	for _, cfg := range []jetstream.StreamConfig{n.childAllConfig(child), n.childRosterConfig(child)} {
		n.streamsMu.Lock()
		s, err := n.js.CreateOrUpdateStream(ctx, cfg)
		n.streamsMu.Unlock()
		if err != nil {
			return fmt.Errorf("stream %s: %w", cfg.Name, err)
		}
		if err := purgeOutside(ctx, s, child); err != nil {
			return fmt.Errorf("stream %s: %w", cfg.Name, err)
		}
	}
	return nil
}

// purgeOutside purges from s the messages of every action child does not
// share: their subjects' second token.
func purgeOutside(ctx context.Context, s jetstream.Stream, child Below) error {
	if child.Every {
		return nil
	}
	info, err := s.Info(ctx, jetstream.WithSubjectFilter(">"))
	if err != nil {
		return err
	}
	keep := map[string]bool{rosterAny: true}
	for _, a := range child.Actions {
		keep[ActionToken(a)] = true
	}
	gone := map[string]bool{}
	for subject := range info.State.Subjects {
		t := strings.SplitN(subject, ".", 3)
		if len(t) == 3 && !keep[t[1]] {
			gone[t[0]+"."+t[1]+".>"] = true
		}
	}
	for _, subject := range slices.Sorted(maps.Keys(gone)) {
		if err := s.Purge(ctx, jetstream.WithPurgeSubject(subject)); err != nil {
			return fmt.Errorf("purge %s: %w", subject, err)
		}
	}
	return nil
}
