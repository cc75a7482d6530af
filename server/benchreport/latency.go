package benchreport

import (
	"slices"
	"sync"
	"time"
)

// Latencies gathers durations from many goroutines.
type Latencies struct {
	mu sync.Mutex
	ds []time.Duration
}

// Add records one duration.
func (l *Latencies) Add(d time.Duration) {
	l.mu.Lock()
	l.ds = append(l.ds, d)
	l.mu.Unlock()
}

// AddAll records many durations.
func (l *Latencies) AddAll(ds []time.Duration) {
	l.mu.Lock()
	l.ds = append(l.ds, ds...)
	l.mu.Unlock()
}

// Len is how many durations were recorded.
func (l *Latencies) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.ds)
}

// Quantile returns the q-quantile (0.5 for the median, 0.99 for p99), by the
// nearest-rank method; zero when nothing was recorded.
func (l *Latencies) Quantile(q float64) time.Duration {
	l.mu.Lock()
	ds := slices.Clone(l.ds)
	l.mu.Unlock()
	return Quantile(ds, q)
}

// Quantile returns the q-quantile of ds by the nearest-rank method, sorting
// ds in place; zero when ds is empty.
func Quantile(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	i := int(q*float64(len(ds))+0.999999) - 1
	return ds[min(max(i, 0), len(ds)-1)]
}

// Ms is a duration in milliseconds, as a table prints it.
func Ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
