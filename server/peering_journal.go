package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"presente/server/peer"
	"presente/server/store"
)

// journal is the store as the node's replication sees it.
type journal struct{ st *store.Store }

func (j journal) Outbox(ctx context.Context, after int64, limit int) ([]peer.Entry, error) {
	entries, err := j.st.Outbox(ctx, after, limit)
	if err != nil {
		return nil, err
	}
	out := make([]peer.Entry, len(entries))
	for i, e := range entries {
		out[i] = peer.Entry{Seq: e.Seq, ID: e.Write.MsgID(), Kind: e.Write.Kind, Action: e.Write.Action, Gone: e.Gone}
		if out[i].Data, err = json.Marshal(e.Write); err != nil {
			return nil, fmt.Errorf("encode %s: %w", out[i].ID, err)
		}
	}
	return out, nil
}

func (j journal) Published(ctx context.Context) (int64, error)    { return j.st.Published(ctx) }
func (j journal) SetPublished(ctx context.Context, s int64) error { return j.st.SetPublished(ctx, s) }
func (j journal) OutboxEnd(ctx context.Context) (int64, error)    { return j.st.OutboxEnd(ctx) }

// Apply decodes and applies writes. One that came by a child's link for
// an action that child does not share, or made at a node not on that
// child's side of the tree or not allowed that action, is refused; one that cannot apply here
// (an action this node does not have, a badge it does not know) is skipped.
func (j journal) Apply(ctx context.Context, in []peer.Incoming) []error {
	errs := make([]error, len(in))
	var ws []store.Write
	var idx []int
	may := map[[3]string]bool{} // a batch holds many writes of one node to one action: ask once
	for i, w := range in {
		var wr store.Write
		if errs[i] = j.admit(ctx, w, &wr, may); errs[i] == nil {
			ws, idx = append(ws, wr), append(idx, i)
		}
	}
	for k, err := range j.st.ApplyWrites(ctx, ws) {
		errs[idx[k]] = skippable(err)
	}
	return errs
}

// admit decodes w into wr and checks that the link it came by may make it,
// keeping each answer in may.
func (j journal) admit(ctx context.Context, w peer.Incoming, wr *store.Write, may map[[3]string]bool) error {
	if err := json.Unmarshal(w.Data, wr); err != nil {
		return fmt.Errorf("decode write: %v: %w", err, peer.ErrSkip)
	}
	if w.Via == "" {
		return nil
	}
	if peer.ActionToken(wr.Action) != w.Action {
		// the subject decides which nodes receive a write: one that names
		// another action would reach nodes that do not share its own
		return fmt.Errorf("%s by %s names action %q in its subject, not %q: %w", wr.MsgID(), w.Via, w.Action,
			wr.Action, peer.ErrForbidden)
	}
	if wr.Origin != w.Origin {
		return fmt.Errorf("%s by %s says it was made at %q, not %q: %w", wr.MsgID(), w.Via, wr.Origin, w.Origin,
			peer.ErrForbidden)
	}
	key := [3]string{w.Via, w.Origin, wr.Action}
	ok, known := may[key]
	var err error
	if !known {
		if ok, err = j.st.PeerMayWrite(ctx, w.Via, w.Origin, wr.Action); err == nil {
			may[key] = ok
		}
	}
	if err == nil && !ok {
		err = fmt.Errorf("%s made at %s by %s: %w", wr.MsgID(), w.Origin, w.Via, peer.ErrForbidden)
	}
	return err
}

// skippable sorts the store's errors: a write naming what has not come
// down yet is tried again later; one that is wrong is skipped for good.
func skippable(err error) error {
	var inv *store.InvalidError
	switch {
	case errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrUnknownBadge):
		return fmt.Errorf("%w: %w", err, peer.ErrNotYet)
	case errors.Is(err, store.ErrIDConflict) || errors.As(err, &inv):
		return fmt.Errorf("%w: %w", err, peer.ErrSkip)
	}
	return err
}

// RosterOutbox reads the hub's changed roster records.
func (j journal) RosterOutbox(ctx context.Context, after int64, limit int) ([]peer.Entry, error) {
	entries, err := j.st.RosterOutbox(ctx, after, limit)
	if err != nil {
		return nil, err
	}
	addedAt, err := j.leadersAddedAt(ctx, entries)
	if err != nil {
		return nil, err
	}
	out := make([]peer.Entry, len(entries))
	for i, e := range entries {
		out[i] = peer.Entry{Seq: e.Seq, Gone: e.Gone}
		if e.Gone {
			continue
		}
		out[i].ID, out[i].Kind = e.Record.Key(), e.Record.Kind
		if e.Record.Action != nil { // an action, its commitments, doors and displays
			out[i].Action = e.Record.Action.UID
		}
		if l := e.Record.Leader; l != nil && !e.Record.Deleted {
			out[i].Action = addedAt[l.UID] // a walk-in's or a paper sheet's goes where their check-in goes
		}
		if out[i].Data, err = json.Marshal(e.Record); err != nil {
			return nil, fmt.Errorf("encode %s %s: %w", out[i].Kind, out[i].ID, err)
		}
	}
	return out, nil
}

// leadersAddedAt is, of the leaders in entries, those added at a door or
// from a paper sheet, with the action they were added at.
func (j journal) leadersAddedAt(ctx context.Context, entries []store.DownEntry) (map[string]string, error) {
	var uids []string
	for _, e := range entries {
		if l := e.Record.Leader; l != nil && !e.Gone && !e.Record.Deleted {
			uids = append(uids, l.UID)
		}
	}
	return j.st.LeadersAddedAt(ctx, uids)
}

func (j journal) RosterPublished(ctx context.Context) (int64, error) {
	return j.st.RosterPublished(ctx)
}
func (j journal) SetRosterPublished(ctx context.Context, s int64) error {
	return j.st.SetRosterPublished(ctx, s)
}

// ApplyRoster applies records that came down; one that fails is tried
// again later, as records it needs may still be on their way.
func (j journal) ApplyRoster(ctx context.Context, in []peer.Incoming) []error {
	errs := make([]error, len(in))
	var rs []store.RosterRecord
	var idx []int
	for i, w := range in {
		var r store.RosterRecord
		if err := json.Unmarshal(w.Data, &r); err != nil {
			errs[i] = fmt.Errorf("decode roster record: %v: %w", err, peer.ErrSkip)
			continue
		}
		rs, idx = append(rs, r), append(idx, i)
	}
	for k, err := range j.st.ApplyRoster(ctx, rs) {
		if err != nil {
			errs[idx[k]] = fmt.Errorf("%w: %w", err, peer.ErrNotYet)
		}
	}
	return errs
}

func (j journal) SaveLinks(ctx context.Context, links []peer.LinkState) error {
	out := make([]store.PeerLink, len(links))
	for i, l := range links {
		out[i] = store.PeerLink{Name: l.Name, Role: l.Role, Up: l.Up, Refused: l.Refused, Since: l.Since,
			WaitingOut: l.WaitingOut, WaitingIn: l.WaitingIn, SeenAt: time.Now()}
	}
	return j.st.SaveLinks(ctx, out)
}

// gate is the store's list of nodes allowed to join this one.
type gate struct{ st *store.Store }

func (g gate) Allowed(ctx context.Context, name, secret string) (bool, error) {
	return g.st.PeerAllowed(ctx, name, secret)
}

func (g gate) Children(ctx context.Context) ([]string, error) { return g.names(ctx, false) }
func (g gate) Revoked(ctx context.Context) ([]string, error)  { return g.names(ctx, true) }

func (g gate) Tree(ctx context.Context) ([]peer.Below, error) {
	below, err := g.st.PeerTree(ctx)
	out := make([]peer.Below, len(below))
	for i, b := range below {
		out[i] = peer.Below{Name: b.Name, Every: b.Every, Actions: b.Actions}
	}
	return out, err
}

func (g gate) Shares(ctx context.Context) ([]peer.Below, error) {
	shares, err := g.st.PeerShares(ctx)
	out := make([]peer.Below, len(shares))
	for i, b := range shares {
		out[i] = peer.Below{Name: b.Name, Every: b.Every, Actions: b.Actions}
	}
	return out, err
}

func (g gate) SetTree(ctx context.Context, via string, below []peer.Below) error {
	in := make([]store.PeerBelow, len(below))
	for i, b := range below {
		in[i] = store.PeerBelow{Name: b.Name, Every: b.Every, Actions: b.Actions}
	}
	return g.st.SetPeerTree(ctx, via, in)
}

func (g gate) Owns(ctx context.Context, via, origin string) (bool, error) {
	return g.st.PeerOwns(ctx, via, origin)
}

func (g gate) names(ctx context.Context, revokedOnly bool) ([]string, error) {
	peers, err := g.st.Peers(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range peers {
		if !revokedOnly || p.RevokedAt != nil {
			out = append(out, p.Name)
		}
	}
	return out, nil
}
