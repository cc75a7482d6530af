package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"presente/server/store"
)

// version and commit are set when a release is built:
//
//	go build -ldflags "-X main.version=0.2.0 -X main.commit=1a2b3c4"
//
// They are the only package-level variables: -X can set nothing else.
var (
	version = "dev"
	commit  = ""
)

// buildInfo is what "presente version" prints, and what the server's first
// log line and /healthz repeat.
type buildInfo struct {
	Version, Commit, Go, SQLite string
}

func readBuildInfo() buildInfo {
	b := buildInfo{Version: version, Commit: commit, Go: runtime.Version(), SQLite: "unknown"}
	if v, err := store.SQLiteVersion(); err == nil {
		b.SQLite = v
	}
	if b.Commit == "" {
		b.Commit = vcsCommit()
	}
	return b
}

// vcsCommit is the commit go build recorded from the git checkout, or
// "unknown" (go test and go run record none).
func vcsCommit() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	rev, dirty := "unknown", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value[:min(len(s.Value), 12)]
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if dirty {
		rev += "-dirty"
	}
	return rev
}

// String is the one version line: presente 0.2.0 (commit 1a2b3c4d5e6f, go1.26.8, SQLite 3.50.4).
func (b buildInfo) String() string {
	return fmt.Sprintf("presente %s (commit %s, %s, SQLite %s)", b.Version, b.Commit, b.Go, b.SQLite)
}

func (e env) version(args []string) error {
	if _, err := e.flags("version").parse(args, 0); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, readBuildInfo())
	return nil
}
