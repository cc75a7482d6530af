package server

import (
	"os"
	"runtime/debug"
	"testing"
)

// TestBenchReport is "make bench": every figure of issues 7 and 14 with the baseline
// measured in the same run, printed as a table and written as JSON to
// PRESENTE_BENCH_JSON (default ../bench.json). It runs only with
// PRESENTE_BENCH=1; PRESENTE_BENCH_ONLY=name runs one figure. Targets are
// reported, not asserted: a missed target does not fail the test.
func TestBenchReport(t *testing.T) {
	if os.Getenv("PRESENTE_BENCH") != "1" {
		t.Skip("set PRESENTE_BENCH=1 (make bench) to run the benchmark")
	}
	raiseOpenFiles(t)
	rep := newBenchReport()
	figures := []struct {
		name string
		run  func(*testing.T, *benchReport)
	}{
		{"badges", benchBadges}, // first, while the process holds little else
		{"checkins", benchCheckIns},
		{"burst", benchBurst},
		{"arrivals", benchArrivals},
		{"live", benchLive},
		{"fanout", benchFanout},
		{"startup", benchStartup},
		{"network", benchNetwork},
	}
	only := os.Getenv("PRESENTE_BENCH_ONLY")
	for _, fig := range figures {
		if only != "" && only != fig.name {
			continue
		}
		debug.FreeOSMemory()
		t.Run(fig.name, func(t *testing.T) { fig.run(t, rep) })
	}
	rep.Finish()
	rep.Table(os.Stdout)
	out := os.Getenv("PRESENTE_BENCH_JSON")
	if out == "" {
		out = "../bench.json"
	}
	if err := rep.WriteJSON(out); err != nil {
		t.Error(err)
	}
}
