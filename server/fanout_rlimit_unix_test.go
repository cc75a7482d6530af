//go:build unix

package server

import (
	"syscall"
	"testing"
)

// raiseFileLimit lifts this process's soft limit on open files towards n,
// within the hard limit: the test holds both ends of every connection.
func raiseFileLimit(t *testing.T, n uint64) {
	t.Helper()
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil || lim.Cur >= n {
		return
	}
	lim.Cur = min(n, lim.Max)
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil || lim.Cur < n {
		t.Logf("open files limited to %d (want %d): %v", lim.Cur, n, err)
	}
}
