package server

import (
	"slices"
	"sync"
	"testing"
	"time"
)

// benchLatencies gathers durations from many goroutines.
type benchLatencies struct {
	mu sync.Mutex
	ds []time.Duration
}

// Add records one duration.
func (l *benchLatencies) Add(d time.Duration) {
	l.mu.Lock()
	l.ds = append(l.ds, d)
	l.mu.Unlock()
}

// AddAll records many durations.
func (l *benchLatencies) AddAll(ds []time.Duration) {
	l.mu.Lock()
	l.ds = append(l.ds, ds...)
	l.mu.Unlock()
}

// Len is how many durations were recorded.
func (l *benchLatencies) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.ds)
}

// Quantile returns the q-quantile (0.5 for the median, 0.99 for p99), by the
// nearest-rank method; zero when nothing was recorded.
func (l *benchLatencies) Quantile(q float64) time.Duration {
	l.mu.Lock()
	ds := slices.Clone(l.ds)
	l.mu.Unlock()
	return benchQuantile(ds, q)
}

// benchQuantile returns the q-quantile of ds by the nearest-rank method, sorting
// ds in place; zero when ds is empty.
func benchQuantile(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	i := int(q*float64(len(ds))+0.999999) - 1
	return ds[min(max(i, 0), len(ds)-1)]
}

// benchMs is a duration in milliseconds, as a table prints it.
func benchMs(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func TestBenchQuantile(t *testing.T) {
	var ds []time.Duration
	for i := 1; i <= 100; i++ {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	for q, want := range map[float64]time.Duration{0.5: 50 * time.Millisecond, 0.99: 99 * time.Millisecond, 1: 100 * time.Millisecond} {
		if got := benchQuantile(ds, q); got != want {
			t.Errorf("benchQuantile(%v) = %v, want %v", q, got, want)
		}
	}
	if got := benchQuantile(nil, 0.5); got != 0 {
		t.Errorf("benchQuantile(nil) = %v, want 0", got)
	}
}
