package server

import (
	"syscall"
	"testing"
)

// raiseOpenFiles lifts this process's soft limit on open files to the hard
// limit: the benchmark holds thousands of connections.
func raiseOpenFiles(tb testing.TB) uint64 {
	tb.Helper()
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		tb.Logf("read open-file limit: %v", err)
		return 0
	}
	if lim.Cur < lim.Max {
		lim.Cur = lim.Max
		if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
			tb.Logf("raise open-file limit: %v", err)
		}
		syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim)
	}
	return lim.Cur
}
