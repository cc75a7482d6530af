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
	// admitted is told of each node let in, before its link is up
	admitted func(context.Context)

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
		if g.admitted != nil {
			g.admitted(ctx)
		}
		c.RegisterUser(&server.User{Username: o.Username, Account: g.acc(), Permissions: g.leafPerms(o.Username)})
		g.mu.Lock()
		g.leafs[c.GetID()] = o.Username
		g.mu.Unlock()
		return true
	}
	return false
}

// leafPerms is what the joined node called child may send over its link,
// and receive: what sourcing needs, nothing else (an allow list, so the
// node reaches no other node's JetStream, and no API of this one but
// following what it keeps of its ALL and ROSTER for the child, ALL_CHILD
// and ROSTER_CHILD: not the whole ALL, so not the writes of an action the
// child does not share, scope.go). It may not publish into any stream, so it
// speaks as no other node; its own writes come up because this node
// sources its UP. Acknowledgements ($JS.ACK.) cross links whatever the
// permissions say: the consumers that apply writes have secret names
// (consumerName), which no subject it may receive or API it may call shows.
func (g *gatekeeper) leafPerms(child string) *server.Permissions {
	api := apiPrefix(g.self)
	all, roster := allFor(child), rosterFor(child)
	send := []string{
		api + ".CONSUMER.CREATE." + all, api + ".CONSUMER.CREATE." + all + ".>",
		api + ".CONSUMER.CREATE." + roster, api + ".CONSUMER.CREATE." + roster + ".>",
		api + ".STREAM.INFO." + streamUp,                  // how far this node has taken the child's writes
		"$JS.FC." + all + ".>", "$JS.FC." + roster + ".>", // flow control of its sources
		"$JS.FC." + g.self + ".*." + all + ".>", "$JS.FC." + g.self + ".*." + roster + ".>",
		"$JSC.R.>",              // answers to this node's sourcing of its UP
		deliverUp(child) + ".>", // its UP, as this node sources it
		// Reading this node's announced addresses (announce.go), and
		// answering this node's own reading of the child's: read only, so
		// a joined node cannot write over where doors send.
		api + ".STREAM.INFO.KV_" + sitesBucket(g.self),
		api + ".DIRECT.GET.KV_" + sitesBucket(g.self) + ".>", api + ".STREAM.MSG.GET.KV_" + sitesBucket(g.self),
		inbox(g.self) + ".>",
	}
	receive := []string{
		apiPrefix(child) + ".>", // this node sourcing its UP
		deliverDown(child) + ".>", inbox(child) + ".>", "$JSC.R.>",
		"$JS.FC." + streamUp + ".>", "$JS.FC." + child + ".>",
	}
	return &server.Permissions{Publish: &server.SubjectPermission{Allow: send},
		Subscribe: &server.SubjectPermission{Allow: receive}}
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
