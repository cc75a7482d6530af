package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"time"

	"presente/server"
)

// serveConfig is what serve and demo read from flags and the environment.
type serveConfig struct {
	data, http, logLevel string
}

func (e env) serveFlags(name string, args []string) (serveConfig, error) {
	f := e.flags(name)
	var c serveConfig
	data := f.data()
	addr := f.str("http", "PRESENTE_HTTP", "127.0.0.1:8080", "address for plain HTTP")
	level := f.str("log-level", "PRESENTE_LOG_LEVEL", "info", "debug, info, warn or error")
	if _, err := f.parse(args, 0); err != nil {
		return c, err
	}
	c.data, c.http, c.logLevel = *data, *addr, *level
	return c, os.MkdirAll(c.data, 0o700)
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

// start opens the server, calls ready with it and the listener's address,
// and serves until the context ends, then shuts down gracefully.
func (e env) start(c serveConfig, ready func(*server.Server, string) error) error {
	log := e.logger(c.logLevel)
	srv, err := server.New(e.ctx, server.Config{DataDir: c.data, Log: log})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", c.http)
	if err != nil {
		srv.Shutdown(context.Background())
		return fmt.Errorf("listen: %w", err)
	}
	if ready != nil {
		if err := ready(srv, ln.Addr().String()); err != nil {
			ln.Close()
			srv.Shutdown(context.Background())
			return err
		}
	}
	log.Info("serving", "http", "http://"+ln.Addr().String(), "data", c.data)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err = <-errc:
	case <-e.ctx.Done():
	}
	log.Info("shutting down")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if serr := srv.Shutdown(ctx); err == nil {
		err = serr
	}
	return err
}
