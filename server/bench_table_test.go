package server

// The benchmark's report: the figures of "make bench", each with the
// baseline measured in the same run, printed as a table and as JSON. It
// lives in test files so that nothing of it is built into the binary.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"text/tabwriter"
	"time"
)

// benchTarget is one goal a row is held to, and whether this run met it.
type benchTarget struct {
	Text string `json:"text"`
	Met  bool   `json:"met"`
}

// benchRow is one measured number, with its baseline and ratio when there is one.
type benchRow struct {
	Figure   string        `json:"figure"`
	Metric   string        `json:"metric"`
	Unit     string        `json:"unit"`
	Value    float64       `json:"value"`
	Baseline *float64      `json:"baseline,omitempty"`
	Ratio    *float64      `json:"ratio,omitempty"` // value / baseline
	Targets  []benchTarget `json:"targets,omitempty"`
	Note     string        `json:"note,omitempty"`
}

// benchFigure starts a row.
func benchFigure(figure, metric, unit string, value float64) *benchRow {
	return &benchRow{Figure: figure, Metric: metric, Unit: unit, Value: value}
}

// Against sets the baseline measured in the same run, and the ratio to it.
func (r *benchRow) Against(baseline float64) *benchRow {
	r.Baseline = &baseline
	if baseline != 0 {
		ratio := r.Value / baseline
		r.Ratio = &ratio
	}
	return r
}

// AtLeast holds the value to a floor.
func (r *benchRow) AtLeast(floor float64) *benchRow {
	return r.target(fmt.Sprintf("≥ %s %s", benchNum(floor), r.Unit), r.Value >= floor)
}

// AtMost holds the value to a ceiling.
func (r *benchRow) AtMost(ceiling float64) *benchRow {
	return r.target(fmt.Sprintf("≤ %s %s", benchNum(ceiling), r.Unit), r.Value <= ceiling)
}

// RatioAtLeast holds the ratio to the baseline to a floor.
func (r *benchRow) RatioAtLeast(floor float64) *benchRow {
	return r.target(fmt.Sprintf("≥ %s× baseline", benchNum(floor)), r.Ratio != nil && *r.Ratio >= floor)
}

// RatioAtMost holds the ratio to the baseline to a ceiling.
func (r *benchRow) RatioAtMost(ceiling float64) *benchRow {
	return r.target(fmt.Sprintf("≤ %s× baseline", benchNum(ceiling)), r.Ratio != nil && *r.Ratio <= ceiling)
}

// Holds adds a target that is met or not by a condition of its own.
func (r *benchRow) Holds(text string, met bool) *benchRow { return r.target(text, met) }

// Noted adds a remark, printed under the table.
func (r *benchRow) Noted(format string, args ...any) *benchRow {
	r.Note = strings.TrimSpace(r.Note + " " + fmt.Sprintf(format, args...))
	return r
}

func (r *benchRow) target(text string, met bool) *benchRow {
	r.Targets = append(r.Targets, benchTarget{Text: text, Met: met})
	return r
}

// Met tells whether every target of the row was met; a row without a target
// is met.
func (r *benchRow) Met() bool {
	for _, t := range r.Targets {
		if !t.Met {
			return false
		}
	}
	return true
}

// benchReport is one run of the benchmark.
type benchReport struct {
	mu      sync.Mutex
	Machine benchMachine `json:"machine"`
	Started time.Time    `json:"started"`
	Seconds float64      `json:"seconds"`
	Rows    []*benchRow  `json:"rows"`
}

// newBenchReport starts a report on this machine.
func newBenchReport() *benchReport {
	return &benchReport{Machine: thisBenchMachine(), Started: time.Now().UTC()}
}

// Add appends rows to the report.
func (rep *benchReport) Add(rows ...*benchRow) {
	rep.mu.Lock()
	defer rep.mu.Unlock()
	rep.Rows = append(rep.Rows, rows...)
}

// Finish records how long the run took.
func (rep *benchReport) Finish() {
	rep.mu.Lock()
	defer rep.mu.Unlock()
	rep.Seconds = time.Since(rep.Started).Round(time.Millisecond).Seconds()
}

// WriteJSON writes the report to path, indented.
func (rep *benchReport) WriteJSON(path string) error {
	rep.mu.Lock()
	b, err := json.MarshalIndent(rep, "", "  ")
	rep.mu.Unlock()
	if err != nil {
		return fmt.Errorf("encode report: %w", err)
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// Table prints the machine, then one line per row, then the notes.
func (rep *benchReport) Table(w io.Writer) {
	rep.mu.Lock()
	defer rep.mu.Unlock()
	fmt.Fprintf(w, "%s\n\n", rep.Machine)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "figure\tmetric\tvalue\tbaseline\tratio\ttarget\tmet")
	for _, r := range rep.Rows {
		fmt.Fprintf(tw, "%s\t%s\t%s %s\t%s\t%s\t%s\t%s\n", r.Figure, r.Metric, benchNum(r.Value), r.Unit,
			benchOptional(r.Baseline, ""), benchOptional(r.Ratio, "×"), benchTargets(r), benchVerdict(r))
	}
	tw.Flush()
	for _, r := range rep.Rows {
		if r.Note != "" {
			fmt.Fprintf(w, "\n%s, %s: %s", r.Figure, r.Metric, r.Note)
		}
	}
	fmt.Fprintf(w, "\n\ntook %.1f s\n", rep.Seconds)
}

func benchTargets(r *benchRow) string {
	var ts []string
	for _, t := range r.Targets {
		ts = append(ts, t.Text)
	}
	if len(ts) == 0 {
		return "—"
	}
	return strings.Join(ts, ", ")
}

func benchVerdict(r *benchRow) string {
	switch {
	case len(r.Targets) == 0:
		return "—"
	case r.Met():
		return "met"
	}
	return "MISSED"
}

func benchOptional(v *float64, suffix string) string {
	if v == nil {
		return "—"
	}
	return benchNum(*v) + suffix
}

// benchNum prints a figure with as many decimals as its size calls for.
func benchNum(v float64) string {
	switch a := max(v, -v); {
	case a >= 100:
		return fmt.Sprintf("%.0f", v)
	case a >= 10:
		return fmt.Sprintf("%.1f", v)
	case a >= 1:
		return fmt.Sprintf("%.2f", v)
	}
	return fmt.Sprintf("%.3f", v)
}

func TestBenchRowTargets(t *testing.T) {
	tests := []struct {
		name string
		row  *benchRow
		met  bool
	}{
		{"floor met", benchFigure("f", "m", "/s", 25000).AtLeast(20000), true},
		{"floor missed", benchFigure("f", "m", "/s", 4000).AtLeast(20000), false},
		{"ratio met", benchFigure("f", "m", "/s", 30).Against(100).RatioAtLeast(0.25), true},
		{"ratio missed", benchFigure("f", "m", "ms", 30).Against(10).RatioAtMost(1.5), false},
		{"ratio without baseline", benchFigure("f", "m", "ms", 30).RatioAtMost(1.5), false},
		{"no target", benchFigure("f", "m", "ms", 30), true},
		{"two targets, one missed", benchFigure("f", "m", "ms", 30).AtMost(40).AtMost(20), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.row.Met(); got != tt.met {
				t.Errorf("Met() = %v, want %v (%+v)", got, tt.met, tt.row.Targets)
			}
		})
	}
}

func TestBenchTableAndJSON(t *testing.T) {
	rep := newBenchReport()
	rep.Add(benchFigure("check-ins", "rate", "/s", 4123).Against(50000).AtLeast(20000).Noted("single writer"))
	rep.Finish()
	var out bytes.Buffer
	rep.Table(&out)
	for _, want := range []string{"check-ins", "4123 /s", "50000", "0.082×", "MISSED", "single writer", "machine:"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, out.String())
		}
	}
	path := filepath.Join(t.TempDir(), "bench.json")
	if err := rep.WriteJSON(path); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	var back benchReport
	if err := json.Unmarshal(b, &back); err != nil || len(back.Rows) != 1 || *back.Rows[0].Ratio != 4123.0/50000 {
		t.Errorf("JSON = %s (%v)", b, err)
	}
}
