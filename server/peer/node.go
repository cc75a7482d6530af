// Package peer joins Presente nodes into a network over NATS JetStream,
// embedded in the binary. Every node runs its own JetStream, in its own
// domain named after the node, in the data folder. A node that accepts
// others (--peers) listens for NATS leaf node links over TLS; a node that
// joins one (--join) opens a leaf link to it. Each node publishes its own
// writes to its stream UP, which also sources its children's UP, so the
// hub's UP holds every write of the network; the hub hands the writes it
// allows to its stream ALL, and each other node's ALL sources what its
// parent keeps of its own ALL for it (ALL_NAME, one subject filter per
// action it shares), so every write flows down to every node that shares
// its action, and to no other. A node that accepts others also writes the
// writes of its UP into its ALL, so its children hear its part of the
// tree over their own link, without the hub (down.go). Sourcing is
// JetStream's own store-and-forward: a link that drops resumes where it
// stopped.
//
// A single node starts none of this.
package peer

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Config is what a node needs to take part in a network.
type Config struct {
	Name   string          // this node's name and JetStream domain
	Dir    string          // where JetStream keeps its streams
	Listen string          // host:port to accept other nodes on; "" for none
	Join   *Link           // the node to join; nil for none (the hub)
	Cert   tls.Certificate // what the listener presents to joining nodes
	Log    *slog.Logger
	// Origins are where this node serves its pages to door phones
	// ("https://192.0.2.10:8443"), announced to its venue's other node;
	// Sites keeps what it learns of theirs. Without Sites, none of it.
	Origins []string
	Sites   Sites
}

// Node is this process's place in a network.
type Node struct {
	cfg     Config
	log     *slog.Logger
	journal Journal
	gate    Gate
	auth    *gatekeeper
	ns      *server.Server
	nc      *nats.Conn
	js      jetstream.JetStream
	kick    chan struct{}
	stop    context.CancelFunc
	wg      sync.WaitGroup
	links   *linkBook

	leafAddr     string
	children     []string             // as the UP stream sources them
	told         []byte               // the tree as this node last told its parent
	key          string               // the secret in its consumers' names
	kicked       map[string]time.Time // when each link's source was last restarted
	taken        map[string]int64     // where each link's other side last took to (watch.go, marks.go)
	marksChanged bool
	followed     map[follower]int64 // the consumers following this node's streams, at the last look (watch.go)
	refusal      refusal            // when the parent last refused this node's secret
	scopeMu      sync.Mutex
	// streamsMu makes this node's changes of its streams and its apply
	// consumers one at a time: the NATS server (v2.15.2) reads a stream's
	// store config unlocked while it makes a consumer, and the race
	// detector caught it against a stream update at a link's start.
	streamsMu sync.Mutex
	scopes    map[string]Below // what each child shares, as its streams source it
}

// Start runs the embedded NATS server with JetStream, sets up the streams
// and starts publishing this node's writes and applying others'.
func Start(ctx context.Context, cfg Config, j Journal, g Gate) (*Node, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	n := &Node{cfg: cfg, log: cfg.Log, journal: j, gate: g, kick: make(chan struct{}, 1), links: newLinkBook(),
		kicked: map[string]time.Time{}, scopes: map[string]Below{}}
	n.auth = &gatekeeper{gate: g, self: cfg.Name, local: randomSecret(), leafs: map[uint64]string{}}
	opts, err := n.options()
	if err != nil {
		return nil, err
	}
	if n.key, err = consumerKey(cfg.Dir); err != nil {
		return nil, err
	}
	if n.taken, err = loadMarks(cfg.Dir); err != nil {
		return nil, err
	}
	if n.ns, err = server.NewServer(opts); err != nil {
		return nil, fmt.Errorf("start nats: %w", err)
	}
	n.auth.acc = n.ns.GlobalAccount
	n.auth.admitted = n.admitted
	n.ns.SetLoggerV2(natsLog{log: n.log, refused: n.refusal.mark}, false, false, false)
	n.ns.Start()
	if !n.ns.ReadyForConnections(20 * time.Second) {
		n.ns.Shutdown()
		return nil, errors.New("start nats: not ready")
	}
	if err := n.connect(ctx); err != nil {
		n.ns.Shutdown()
		return nil, err
	}
	if err := n.handDownEarlier(ctx); err != nil {
		n.nc.Close()
		n.ns.Shutdown()
		return nil, err
	}
	run, stop := context.WithCancel(context.Background())
	n.stop = stop
	n.goLoop(func() { n.publishLoop(run) })
	n.goLoop(func() { n.applyLoop(run, streamUp) })
	if cfg.Join != nil {
		n.goLoop(func() { n.applyLoop(run, streamAll) })
		n.goLoop(func() { n.applyLoop(run, streamRoster) })
	}
	n.goLoop(func() { n.watchLoop(run) })
	if cfg.Sites != nil {
		n.goLoop(func() { n.announceLoop(run) })
	}
	return n, nil
}

func (n *Node) goLoop(fn func()) {
	n.wg.Add(1)
	go func() {
		defer n.wg.Done()
		fn()
	}()
}

// options is the embedded server's configuration: no client port (this
// process talks to it in-process), JetStream in its own domain, and the
// leaf links asked for.
func (n *Node) options() (*server.Options, error) {
	o := &server.Options{
		ServerName:                 n.cfg.Name,
		DontListen:                 true,
		NoSigs:                     true,
		JetStream:                  true,
		JetStreamDomain:            n.cfg.Name,
		JetStreamMaxMemory:         64 << 20,
		StoreDir:                   n.cfg.Dir,
		CustomClientAuthentication: n.auth,
	}
	o.LeafNode.ReconnectInterval = time.Second
	if n.cfg.Listen != "" {
		if err := n.listenOptions(o); err != nil {
			return nil, err
		}
	}
	if l := n.cfg.Join; l != nil {
		remote, err := remoteOptions(*l)
		if err != nil {
			return nil, err
		}
		o.LeafNode.Remotes = []*server.RemoteLeafOpts{remote}
	}
	return o, nil
}

func (n *Node) listenOptions(o *server.Options) error {
	// Listen once here: the embedded server cannot report a port it failed
	// to take, nor the one it picked for ":0".
	ln, err := net.Listen("tcp", n.cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen for peers: %w", err)
	}
	addr := ln.Addr().(*net.TCPAddr)
	ln.Close()
	host, _, _ := net.SplitHostPort(n.cfg.Listen)
	o.LeafNode.Host, o.LeafNode.Port = host, addr.Port
	n.leafAddr = net.JoinHostPort(host, strconv.Itoa(addr.Port))
	o.LeafNode.TLSConfig = &tls.Config{Certificates: []tls.Certificate{n.cfg.Cert}, MinVersion: tls.VersionTLS12}
	o.LeafNode.TLSTimeout = 5
	o.LeafNode.AuthTimeout = 5
	return nil
}

func (n *Node) connect(ctx context.Context) error {
	nc, err := nats.Connect("", nats.InProcessServer(n.ns), nats.UserInfo("self", n.auth.local),
		nats.Name("presente"), nats.MaxReconnects(-1), nats.CustomInboxPrefix(inbox(n.cfg.Name)))
	if err != nil {
		return fmt.Errorf("connect to nats: %w", err)
	}
	n.nc = nc
	if n.js, err = jetstream.New(nc); err != nil {
		nc.Close()
		return fmt.Errorf("jetstream: %w", err)
	}
	if err := n.ensureStreams(ctx); err != nil {
		nc.Close()
		return err
	}
	return nil
}

// admitted makes sure the streams a node let in follows are there.
func (n *Node) admitted(ctx context.Context) {
	if err := n.syncScopes(ctx); err != nil {
		n.log.Warn("streams for a node let in", "err", err)
	}
}

// Notify tells the node that writes committed, so it publishes them now
// instead of at its next look. It never blocks.
func (n *Node) Notify() {
	select {
	case n.kick <- struct{}{}:
	default:
	}
}

// LeafAddr is where the node accepts other nodes, "" when it does not.
func (n *Node) LeafAddr() string { return n.leafAddr }

// Close stops publishing and applying, then the NATS server. Nothing is
// lost: what was not published stays in the outbox, what was not applied
// stays in the streams, both on disk.
func (n *Node) Close() error {
	n.stop()
	n.wg.Wait()
	n.nc.Close()
	n.ns.Shutdown()
	n.ns.WaitForShutdown()
	return nil
}
