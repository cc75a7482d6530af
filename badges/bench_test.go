package badges

import (
	"io"
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// BenchmarkRender5000 renders 5,000 insert badges of 30 institutions, the
// size of a large action, and reports the peak memory the Go runtime held
// while rendering (peak-MB, sampled every millisecond) and the process's
// peak resident memory (peak-RSS-MB; run the benchmark alone to read it).
func BenchmarkRender5000(b *testing.B) {
	ls := testLeaders(5000, 30)
	b.ReportAllocs()
	stop := samplePeak()
	for b.Loop() {
		if err := Render(io.Discard, testAction, ls, LayoutInsert); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(stop())/(1<<20), "peak-MB")
	if rss, ok := peakRSS(); ok {
		b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MB")
	}
}

// peakRSS returns the process's peak resident memory in bytes, from
// VmHWM in /proc/self/status; ok is false where that is not available.
func peakRSS() (rss uint64, ok bool) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for line := range strings.Lines(string(status)) {
		if kb, found := strings.CutPrefix(line, "VmHWM:"); found {
			n, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(kb), " kB"), 10, 64)
			return n << 10, err == nil
		}
	}
	return 0, false
}

// samplePeak samples the memory mapped by the Go runtime until the
// returned function is called, which returns the highest sample in bytes.
func samplePeak() func() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/total:bytes"}}
	done := make(chan struct{})
	var peak uint64
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	})
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak
	}
}
