//go:build unix

package server

import (
	"syscall"
	"time"
)

// cpuDuring runs fn and returns the CPU time the whole process spent
// meanwhile (user and system, every goroutine) and the wall time.
func cpuDuring(fn func()) (cpu, wall time.Duration) {
	before, start := rusageCPU(), time.Now()
	fn()
	return rusageCPU() - before, time.Since(start)
}

func rusageCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
