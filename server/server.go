// Package server is Presente's HTTP side: the Fiber app, its routes and
// handlers, who may call what, and the wiring of the store to the live tally.
package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"time"

	"github.com/gofiber/fiber/v2"

	"presente/server/live"
	"presente/server/store"
)

// Config is what a Server needs to know about its surroundings.
type Config struct {
	DataDir      string
	SecureCookie bool // set the Secure flag on the session cookie (HTTPS)
	Log          *slog.Logger
	Version      string // the version line /healthz repeats
	// Hosts are the names and addresses the server answers to besides
	// localhost and loopback addresses: its certificate's, its LAN
	// addresses, those given with --host. A name may start with "*." for
	// one label. Any other Host header is refused with 421.
	Hosts []string
	// TrustedProxies are the addresses (or CIDR ranges) of reverse proxies
	// whose X-Forwarded-For, -Proto and -Host headers are believed. From
	// any other address those headers change nothing.
	TrustedProxies []string
	// SocketsPerToken and SocketsPerAddress cap the live WebSockets open at
	// once with one token or cookie, and from one address (this machine's
	// too); zero means DefaultSocketsPerToken and DefaultSocketsPerAddress.
	SocketsPerToken, SocketsPerAddress int
}

// Server holds every dependency of the HTTP handlers.
type Server struct {
	cfg     Config
	log     *slog.Logger
	store   *store.Store
	tally   *live.Tally
	firsts  *live.Firsts // who came for the first time, for the tally
	app     *fiber.App
	quit    chan struct{}
	login   *loginLimiter
	seclog  *securityLog
	hosts   hostNames
	proxies proxies
	sockets *liveSockets
	frames  *frames // each live message framed once for every dashboard
	reach   *phoneReach
	venue   *venueSites // a standby's and its primary's addresses, for doors
}

// BodyLimit bounds a request body: a batch of 1,000 queued scans is ~120 KB,
// a roster of 10,000 leaders about 1 MB in UTF-8 and twice that in UTF-16.
const BodyLimit = 4 << 20

// New opens the store in cfg.DataDir, rebuilds the live tally from it and
// builds the app. The data folder is made, or tightened, the owner's only.
func New(ctx context.Context, cfg Config) (*Server, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if err := privateFolder(cfg.DataDir); err != nil {
		return nil, err
	}
	trusted, err := parseProxies(cfg.TrustedProxies)
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, log: cfg.Log, tally: live.New(newEpoch()), firsts: live.NewFirsts(), quit: make(chan struct{}),
		login: newLoginLimiter(time.Now), seclog: &securityLog{}, hosts: newHostNames(cfg.Hosts), proxies: trusted,
		sockets: newLiveSockets(cfg.SocketsPerToken, cfg.SocketsPerAddress), reach: newPhoneReach(),
		venue: &venueSites{}, frames: &frames{}}
	st, err := store.Open(ctx, filepath.Join(cfg.DataDir, "presente.db"), store.Options{OnCommit: s.onCommit})
	if err != nil {
		return nil, err
	}
	s.store = st
	if err := s.reloadVenue(ctx); err != nil {
		st.Close()
		return nil, err
	}
	start := time.Now()
	if err := s.loadAll(ctx); err != nil {
		st.Close()
		return nil, err
	}
	s.log.Info("tally rebuilt", "actions", len(s.tally.Loaded()), "took", time.Since(start).Round(time.Millisecond))
	s.app = s.newApp()
	go s.login.expire(s.quit, sweepEvery)
	go s.watchSockets()
	return s, nil
}

// privateFolder makes dir, or tightens it, to be its owner's only: it holds
// the roster, the sessions and the TLS key.
func privateFolder(dir string) error {
	if dir == "" {
		return nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("make data folder: %w", err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return fmt.Errorf("tighten data folder: %w", err)
	}
	return nil
}

func newEpoch() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Store is the server's store, for the command line and tests.
func (s *Server) Store() *store.Store { return s.store }

// App is the Fiber app, for tests with app.Test.
func (s *Server) App() *fiber.App { return s.app }

// Serve answers requests on ln until Shutdown.
func (s *Server) Serve(ln net.Listener) error { return s.app.Listener(ln) }

// Shutdown stops accepting requests, lets in-flight ones finish (their writes
// commit and are answered), ends live connections and closes the store.
func (s *Server) Shutdown(ctx context.Context) error {
	close(s.quit)
	err := s.app.ShutdownWithContext(ctx)
	if cerr := s.store.Close(); cerr != nil {
		err = errors.Join(err, fmt.Errorf("close store: %w", cerr))
	}
	return err
}
