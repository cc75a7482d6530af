package peer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// A venue may run a standby laptop beside its primary: a node that joined
// the primary as its standby ("peer add NAME --standby"). Door phones
// paired at either node send to the other when theirs does not answer, so
// each node must know the other's HTTPS addresses. Each node announces its
// own in a key-value bucket of its own JetStream domain (SITES_NAME, key
// NAME), with the names of its standbys; a primary reads each standby's
// bucket over the link, a node that joined reads its parent's, the same
// way the link already reads the other side's streams. What a node learns
// is kept in its store, so a standby whose primary died knows it still.
// The bucket is named after its node so that no two nodes' buckets share a
// subject: a put at one never travels the link into another's.

// announceEvery is how often a node announces and looks: a standby added
// during the day reaches the doors within this and their next heartbeat.
const announceEvery = 3 * time.Second

// Sites is where a node keeps what it learns of its venue's addresses.
type Sites interface {
	// Standbys names the nodes that joined this one as its standby.
	Standbys(ctx context.Context) ([]string, error)
	// SaveSite keeps the origins node announced and what it is to this
	// one: "primary" (this node is its standby) or "standby"; "" forgets it.
	SaveSite(ctx context.Context, node, role string, origins []string) error
}

// siteEntry is what a node announces.
type siteEntry struct {
	Origins  []string `json:"origins"`            // where its pages are served, best first
	Standbys []string `json:"standbys,omitempty"` // the nodes that are its standbys
}

func sitesBucket(node string) string { return "SITES_" + node }

// announcer is the state of the announce loop.
type announcer struct {
	n     *Node
	kv    jetstream.KeyValue
	saved map[string]string // node → what was last saved for it
}

// announceLoop announces this node's addresses and learns its venue's,
// every announceEvery, for as long as the node runs.
func (n *Node) announceLoop(ctx context.Context) {
	a := &announcer{n: n, saved: map[string]string{}}
	tick := time.NewTicker(announceEvery)
	defer tick.Stop()
	for {
		if err := a.round(ctx); err != nil && ctx.Err() == nil {
			n.log.Debug("announce sites", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

func (a *announcer) round(ctx context.Context) error {
	standbys, err := a.n.cfg.Sites.Standbys(ctx)
	if err != nil {
		return err
	}
	if err := a.put(ctx, siteEntry{Origins: a.n.cfg.Origins, Standbys: standbys}); err != nil {
		return err
	}
	if l := a.n.cfg.Join; l != nil {
		if e, err := a.read(ctx, l.Parent); err == nil {
			role := ""
			if slices.Contains(e.Standbys, a.n.cfg.Name) {
				role = "primary"
			}
			a.save(ctx, l.Parent, role, e.Origins)
		}
	}
	for _, sb := range standbys {
		if e, err := a.read(ctx, sb); err == nil {
			a.save(ctx, sb, "standby", e.Origins)
		}
	}
	return nil
}

// put writes this node's entry when the bucket holds anything else: also
// after someone else wrote over it, within a round.
func (a *announcer) put(ctx context.Context, e siteEntry) error {
	if a.kv == nil {
		kv, err := a.n.js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{Bucket: sitesBucket(a.n.cfg.Name),
			History: 1, Storage: jetstream.FileStorage})
		if err != nil {
			return fmt.Errorf("sites bucket: %w", err)
		}
		a.kv = kv
	}
	want, _ := json.Marshal(e)
	if got, err := a.kv.Get(ctx, a.n.cfg.Name); err == nil && string(got.Value()) == string(want) {
		return nil
	} else if err != nil && !errors.Is(err, jetstream.ErrKeyNotFound) {
		return fmt.Errorf("read own sites: %w", err)
	}
	if _, err := a.kv.Put(ctx, a.n.cfg.Name, want); err != nil {
		return fmt.Errorf("announce sites: %w", err)
	}
	return nil
}

// read asks the node called node, over the link, what it announced.
func (a *announcer) read(ctx context.Context, node string) (siteEntry, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	var e siteEntry
	js, err := jetstream.NewWithDomain(a.n.nc, node)
	if err != nil {
		return e, err
	}
	kv, err := js.KeyValue(ctx, sitesBucket(node))
	if err != nil {
		return e, err
	}
	v, err := kv.Get(ctx, node)
	if err != nil {
		return e, err
	}
	return e, json.Unmarshal(v.Value(), &e)
}

// save keeps what was learned of node, when it changed.
func (a *announcer) save(ctx context.Context, node, role string, origins []string) {
	key := role + " " + fmt.Sprint(origins)
	if a.saved[node] == key {
		return
	}
	if err := a.n.cfg.Sites.SaveSite(ctx, node, role, origins); err != nil {
		a.n.log.Warn("keep venue sites", "node", node, "err", err)
		return
	}
	a.saved[node] = key
}
