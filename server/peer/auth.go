package peer

import (
	"context"
	"crypto/subtle"
	"sync"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// gatekeeper decides who may connect to the embedded NATS server: another
// node over a leaf link with the name and secret of its join link, checked
// against the store at every connection (so "peer add" and "peer revoke"
// take effect without a restart), and this process's own in-process client.
type gatekeeper struct {
	gate  Gate
	self  string // this node's name
	local string // the secret of this process's own client
	acc   func() *server.Account

	mu    sync.Mutex
	leafs map[uint64]string // leaf connection id → node name
}

// Check implements server.Authentication.
func (g *gatekeeper) Check(c server.ClientAuthentication) bool {
	o := c.GetOpts()
	switch c.Kind() {
	case server.CLIENT:
		return subtle.ConstantTimeCompare([]byte(o.Password), []byte(g.local)) == 1 && o.Username == "self"
	case server.LEAF:
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		ok, err := g.gate.Allowed(ctx, o.Username, o.Password)
		if err != nil || !ok {
			return false
		}
		c.RegisterUser(&server.User{Username: o.Username, Account: g.acc(), Permissions: g.leafPerms()})
		g.mu.Lock()
		g.leafs[c.GetID()] = o.Username
		g.mu.Unlock()
		return true
	}
	return false
}

// leafPerms is what a joined node may send over its link: it may read this
// node's streams (that is how writes flow down) and open consumers on them,
// but not change or delete a stream, nor publish into any node's UP, which
// would let it speak as another node.
func (g *gatekeeper) leafPerms() *server.Permissions {
	api := apiPrefix(g.self)
	// $KV.>: nor write over this node's announced addresses (announce.go).
	deny := []string{"up.>", "all.>", "via.>", "roster.>", "$KV.>", api + ".ACCOUNT.>", api + ".META.>", api + ".SERVER.>",
		api + ".CONSUMER.DELETE.>", api + ".CONSUMER.DURABLE.DELETE.>"}
	for _, verb := range []string{"CREATE", "UPDATE", "DELETE", "PURGE", "MSG.DELETE", "RESTORE", "PEER", "LEADER"} {
		deny = append(deny, api+".STREAM."+verb+".>")
	}
	return &server.Permissions{Publish: &server.SubjectPermission{Deny: deny}}
}

// leafNames is every leaf connection let in, by connection id.
func (g *gatekeeper) leafNames() map[uint64]string {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := make(map[uint64]string, len(g.leafs))
	for id, n := range g.leafs {
		out[id] = n
	}
	return out
}

// forget drops a connection that is gone.
func (g *gatekeeper) forget(id uint64) {
	g.mu.Lock()
	delete(g.leafs, id)
	g.mu.Unlock()
}
