package main

import (
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"presente/server"
	"presente/server/lan"
	"presente/server/peer"
	"presente/server/store"
)

// networkConfig is how serve takes part in a network of nodes; the zero
// value is a single node, which starts nothing of it.
type networkConfig struct {
	name, peers, join string
}

// on reports whether this node accepts or joins other nodes.
func (n networkConfig) on() bool { return n.peers != "" || n.join != "" }

// network declares the flags of a node of a network.
func (f flags) network() func() networkConfig {
	name := f.str("name", "PRESENTE_NAME", "hub", "this node's name in a network of nodes (a joining node takes its link's)")
	peers := f.str("peers", "PRESENTE_PEERS", "", `address to accept other Presente nodes on, e.g. ":7422" (off by default)`)
	join := f.str("join", "PRESENTE_JOIN", "", `join link printed by "presente peer add" on the node to join`)
	return func() networkConfig { return networkConfig{name: *name, peers: *peers, join: *join} }
}

// startNetwork starts this server's node when the configuration asks for
// one; it returns nil for a single node. The node announces site's origins
// to its venue's standby or primary, for the doors that fail over.
func (e env) startNetwork(srv *server.Server, c serveConfig, site lan.Site) (*peer.Node, error) {
	n := c.network
	if !n.on() {
		return nil, nil
	}
	cfg := peer.Config{Name: n.name, Dir: filepath.Join(c.data, "nats"), Listen: n.peers, Log: e.logger(c.logLevel),
		Origins: site.Origins()}
	if n.join != "" {
		link, err := peer.ParseLink(n.join)
		if err != nil {
			return nil, err
		}
		cfg.Join, cfg.Name = &link, link.Name
	}
	if err := store.CheckPeerName(cfg.Name); err != nil {
		return nil, fmt.Errorf("--name: %w", err)
	}
	if n.peers != "" {
		cert, err := lan.LoadCertificate(c.data, c.tlsCert, c.tlsKey)
		if err != nil {
			return nil, err
		}
		cfg.Cert = cert.TLS
	}
	node, err := srv.StartNetwork(e.ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("start network node: %w", err)
	}
	cfg.Log.Info("network node", "name", cfg.Name, "peers", node.LeafAddr(), "joined", n.join != "")
	return node, nil
}

// peerAdd allows a node to join this one and prints its join link.
func (e env) peerAdd(args []string) error {
	f := e.flags("peer add")
	data := f.data()
	name := f.str("name", "PRESENTE_NAME", "hub", "this node's name")
	peers := f.str("peers", "PRESENTE_PEERS", ":7422", "the address this node accepts other nodes on (its serve --peers)")
	host := f.str("host", "PRESENTE_PEER_HOST", "", "the address the joining node reaches this one at (default: this machine's first LAN address)")
	cert := f.str("tls-cert", "PRESENTE_TLS_CERT", "", "PEM certificate, as given to serve")
	key := f.str("tls-key", "PRESENTE_TLS_KEY", "", "PEM private key of --tls-cert")
	shared := f.String("action", "", actionsHelp)
	standby := f.Bool("standby", false, "the node is this one's standby, in the same hall: the doors paired here send to it when this node does not answer")
	venueFlag := f.String("venue", "", "the venue whose hall the node counts in (default: this node's for a standby or below the hub, its own name at the hub)")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	actions, err := parseIDs(*shared)
	if err != nil {
		return err
	}
	return e.withStore(*data, func(st *store.Store) error {
		c, err := lan.LoadCertificate(*data, *cert, *key)
		if err != nil {
			return err
		}
		self, _, err := st.Self(e.ctx)
		if err != nil {
			return err
		}
		if self == "" {
			self = *name
		}
		venue, hub, err := st.Venue(e.ctx)
		if err != nil {
			return err
		}
		switch {
		case *venueFlag != "":
			if err := store.CheckPeerName(*venueFlag); err != nil {
				return fmt.Errorf("--venue: %w", err)
			}
			venue = *venueFlag
		case *standby:
			if venue == "" {
				venue = self // the hub's own hall
			}
		case hub || venue == "":
			venue = pos[0] // a node that joins the hub is a venue of its own
		}
		addr, err := linkAddr(*peers, *host, c.Hosts)
		if err != nil {
			return err
		}
		secret, err := st.AddPeer(e.ctx, pos[0], actions...)
		if err != nil {
			return err
		}
		if err := st.SetStandby(e.ctx, pos[0], *standby); err != nil {
			return err
		}
		link := peer.Link{Addr: addr, Parent: self, Name: pos[0], Secret: secret,
			Fingerprint: peer.NormalizeFingerprint(c.Fingerprint), Venue: venue}
		fmt.Fprintln(e.stdout, link.String())
		return nil
	})
}

// actionsHelp is --action's help for peer add and peer share.
const actionsHelp = "the actions the node may write to and receive, ids separated by commas (default: every action)"

// parseIDs reads "1,2,3".
func parseIDs(s string) ([]int64, error) {
	var out []int64
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("--action %q: not an action id", f)
		}
		out = append(out, id)
	}
	return out, nil
}

// linkAddr is where a joining node reaches this one: --peers's port on
// host, or on this machine's first LAN address when --peers names none.
func linkAddr(peers, host string, lanHosts []string) (string, error) {
	h, port, err := net.SplitHostPort(peers)
	if err != nil {
		return "", fmt.Errorf("--peers %q: %w", peers, err)
	}
	switch {
	case host != "":
		h = host
	case h == "" || net.ParseIP(h).IsUnspecified():
		if len(lanHosts) == 0 {
			return "", errors.New("no LAN address found: say which with --host")
		}
		h = lanHosts[0]
	}
	return net.JoinHostPort(h, port), nil
}

// peerShare changes the actions a node that joined this one shares with
// it, keeping its link: what it receives follows within seconds.
func (e env) peerShare(args []string) error {
	f := e.flags("peer share")
	data := f.data()
	shared := f.String("action", "", actionsHelp)
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	actions, err := parseIDs(*shared)
	if err != nil {
		return err
	}
	return e.withStore(*data, func(st *store.Store) error {
		if err := st.SharePeer(e.ctx, pos[0], actions...); err != nil {
			return err
		}
		what := "every action"
		if len(actions) > 0 {
			what = "actions " + *shared
		}
		fmt.Fprintf(e.stdout, "node %q shares %s: its streams follow within seconds\n", pos[0], what)
		return nil
	})
}

func (e env) peerRevoke(args []string) error {
	f := e.flags("peer revoke")
	data := f.data()
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	return e.withStore(*data, func(st *store.Store) error {
		if err := st.RevokePeer(e.ctx, pos[0]); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "node %q revoked: its link is closed within seconds\n", pos[0])
		return nil
	})
}

func (e env) peerList(args []string) error {
	f := e.flags("peer list")
	data := f.data()
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	return e.withStore(*data, func(st *store.Store) error {
		peers, err := st.Peers(e.ctx)
		if err != nil {
			return err
		}
		links, err := st.PeerLinks(e.ctx)
		if err != nil {
			return err
		}
		standbys, err := st.Standbys(e.ctx)
		if err != nil {
			return err
		}
		printLinks(e, peers, links, standbys)
		return nil
	})
}

// printLinks writes one line per link: its name and role (a child that is
// this node's standby says so), up, down or refused since when, and the
// writes waiting each way, as the running server last saw. A record older
// than the server's recording of its links says so: the server is not
// running, or stuck, and the state may have changed since.
func printLinks(e env, peers []store.Peer, links []store.PeerLink, standbys []string) {
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "NODE\tROLE\tLINK\tSINCE\tWAITING OUT\tWAITING IN")
	seen := map[string]bool{}
	now := time.Now()
	for _, l := range links {
		seen[l.Name] = true
		state, note := linkState(l, revokedPeer(peers, l.Name), now)
		role := l.Role
		if role == "child" && slices.Contains(standbys, l.Name) {
			role = "standby"
		}
		if note != "" {
			note = "\t" + note
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d\t%d%s\n", l.Name, role, state,
			l.Since.Local().Format("15:04:05")+" ("+ago(l.Since)+")", l.WaitingOut, l.WaitingIn, note)
	}
	for _, p := range peers {
		if !seen[p.Name] {
			state := "never seen"
			if p.RevokedAt != nil {
				state = "revoked"
			}
			fmt.Fprintf(w, "%s\tchild\t%s\t-\t-\t-\n", p.Name, state)
		}
	}
	w.Flush()
}

// linksStaleAfter is how old a link's record may be before peer list
// doubts it: the running server records its links every 5 seconds.
const linksStaleAfter = 30 * time.Second

// linkState is how a link reads: up, down or refused (the parent refuses
// this node's secret), revoked when this node cut it off, with a "?" and
// a note when the record is too old to trust, and what to do when refused.
func linkState(l store.PeerLink, revoked bool, now time.Time) (state, note string) {
	state = "down"
	switch {
	case l.Up:
		state = "up"
	case l.Refused:
		state = "refused"
		note = fmt.Sprintf("%q refuses this node's secret: it was revoked, or the link is wrong; "+
			"ask %q's organizer for a new link", l.Name, l.Name)
	}
	if revoked {
		state += ", revoked"
	}
	if now.Sub(l.SeenAt) > linksStaleAfter {
		state += "?"
		note = strings.TrimSuffix("as of "+l.SeenAt.Local().Format("15:04:05")+
			" (the server is not running?); "+note, "; ")
	}
	return state, note
}

func revokedPeer(peers []store.Peer, name string) bool {
	for _, p := range peers {
		if p.Name == name {
			return p.RevokedAt != nil
		}
	}
	return false
}

func ago(t time.Time) string { return time.Since(t).Round(time.Second).String() + " ago" }
