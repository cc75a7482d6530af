//go:build !unix

package server

import "time"

// cpuDuring runs fn; without getrusage it reports the wall time as CPU.
func cpuDuring(fn func()) (cpu, wall time.Duration) {
	start := time.Now()
	fn()
	d := time.Since(start)
	return d, d
}
