package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"time"

	"presente/server"
	"presente/server/lan"
)

// serveConfig is what serve and demo read from flags and the environment.
type serveConfig struct {
	data, http, https, tlsCert, tlsKey, logLevel string
	hosts, proxies                               []string
	perToken, perAddress                         int
	network                                      networkConfig
}

func (e env) serveFlags(name string, args []string) (serveConfig, error) {
	f := e.flags(name)
	var c serveConfig
	data := f.data()
	addr := f.str("http", "PRESENTE_HTTP", "127.0.0.1:8080",
		"address for plain HTTP: the whole app for this machine, only the landing page for others")
	https := f.str("https", "PRESENTE_HTTPS", "",
		`address for HTTPS, which phones need for their cameras (default ":8443", or a free port when --http's port is 0); "off" serves everything over plain HTTP`)
	cert := f.str("tls-cert", "PRESENTE_TLS_CERT", "", "PEM certificate to serve instead of the self-signed one")
	key := f.str("tls-key", "PRESENTE_TLS_KEY", "", "PEM private key of --tls-cert")
	level := f.str("log-level", "PRESENTE_LOG_LEVEL", "info", "debug, info, warn or error")
	hosts := f.list("host", "PRESENTE_HOSTS",
		"a name the server answers to besides its certificate's, localhost and its LAN addresses, such as a reverse proxy's; repeat for more")
	proxies := f.list("trusted-proxy", "PRESENTE_TRUSTED_PROXIES",
		"address or range (10.0.0.0/8) of a reverse proxy whose X-Forwarded-For, -Proto and -Host are believed; repeat for more")
	perToken := f.num("sockets-per-token", "PRESENTE_SOCKETS_PER_TOKEN", server.DefaultSocketsPerToken,
		"live connections open at once with one display, door or organizer")
	perAddress := f.num("sockets-per-address", "PRESENTE_SOCKETS_PER_ADDRESS", server.DefaultSocketsPerAddress,
		"live connections open at once from one address, this machine's too")
	network := f.network()
	if _, err := f.parse(args, 0); err != nil {
		return c, err
	}
	c.data, c.http, c.logLevel, c.hosts, c.proxies = *data, *addr, *level, *hosts, *proxies
	c.perToken, c.perAddress, c.network = *perToken, *perAddress, network()
	c.https, c.tlsCert, c.tlsKey = httpsAddr(*https, *addr), *cert, *key
	return c, os.MkdirAll(c.data, 0o700)
}

// httpsAddr is the HTTPS address: the one given, else port 8443 on every
// interface (phones are on the LAN), else, when HTTP asks for any free port
// (a test), any free port on HTTP's host.
func httpsAddr(given, http string) string {
	if given != "" {
		return given
	}
	if host, port, err := net.SplitHostPort(http); err == nil && port == "0" {
		return net.JoinHostPort(host, "0")
	}
	return ":8443"
}

func (e env) logger(level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: l}))
}

func (e env) serve(args []string) error {
	c, err := e.serveFlags("serve", args)
	if err != nil {
		return err
	}
	return e.start(c, nil)
}

// start opens the server, calls ready with it and where it listens, and
// serves until the context ends, then shuts down gracefully.
func (e env) start(c serveConfig, ready func(*server.Server, listeners) error) error {
	log := e.logger(c.logLevel)
	build := readBuildInfo().String()
	log.Info(build)
	ls, err := listen(c, log)
	if err != nil {
		return err
	}
	srv, err := server.New(e.ctx, server.Config{DataDir: c.data, Log: log, Version: build,
		Hosts: lan.OwnNames(ls.cert, c.hosts), TrustedProxies: c.proxies,
		SocketsPerToken: c.perToken, SocketsPerAddress: c.perAddress})
	if err != nil {
		ls.close()
		return err
	}
	if ready != nil {
		if err = ready(srv, ls); err != nil {
			ls.close()
			srv.Shutdown(context.Background())
			return err
		}
	}
	node, err := e.startNetwork(srv, c, ls.site)
	if err != nil {
		ls.close()
		srv.Shutdown(context.Background())
		return err
	}
	log.Info("serving", "http", "http://"+ls.http.Addr().String(), "https", ls.httpsURL(), "data", c.data)
	errc := make(chan error, 2)
	go func() { errc <- ls.serve(srv) }()
	select {
	case err = <-errc:
	case <-e.ctx.Done():
	}
	log.Info("shutting down")
	if node != nil {
		node.Close() // first: it applies writes through the store
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if serr := srv.Shutdown(ctx); err == nil {
		err = serr
	}
	return err
}

// listeners are the open sockets, and what HTTPS serves with.
type listeners struct {
	http, https net.Listener
	cert        lan.Certificate
	site        lan.Site
}

func listen(c serveConfig, log *slog.Logger) (listeners, error) {
	var ls listeners
	var err error
	if c.https != "off" {
		if ls.cert, err = lan.LoadCertificate(c.data, c.tlsCert, c.tlsKey); err != nil {
			return ls, err
		}
		if ls.cert.Created {
			log.Info("made a self-signed certificate; phones accept it once", "hosts", ls.cert.Hosts,
				"fingerprint", ls.cert.Fingerprint, "file", ls.cert.File)
		}
		if ls.https, err = net.Listen("tcp", c.https); err != nil {
			return ls, fmt.Errorf("listen for HTTPS: %w", err)
		}
		ls.site = lan.NewSite(ls.https.Addr(), ls.cert)
	}
	if ls.http, err = net.Listen("tcp", c.http); err != nil {
		ls.close()
		return ls, fmt.Errorf("listen: %w", err)
	}
	return ls, nil
}

// serve serves HTTPS and plain HTTP until one of them stops.
func (ls listeners) serve(srv *server.Server) error {
	if ls.https == nil {
		return srv.Serve(ls.http)
	}
	errc := make(chan error, 2)
	go func() { errc <- srv.ServeTLS(ls.https, ls.cert, ls.site) }()
	go func() { errc <- srv.ServePlain(ls.http, ls.site) }()
	return <-errc
}

func (ls listeners) close() {
	for _, l := range []net.Listener{ls.http, ls.https} {
		if l != nil {
			l.Close()
		}
	}
}

// httpsURL is the address phones should open, "" when HTTPS is off.
func (ls listeners) httpsURL() string {
	if ls.https == nil {
		return ""
	}
	host := "localhost"
	if len(ls.site.Hosts) > 0 {
		host = ls.site.Hosts[0]
	}
	return "https://" + net.JoinHostPort(host, ls.site.HTTPSPort) + "/"
}
