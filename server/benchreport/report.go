// Package benchreport collects the figures of Presente's benchmark, each with
// the baseline measured in the same run, and prints them as a table and as
// JSON.
package benchreport

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"text/tabwriter"
	"time"
)

// Target is one goal a row is held to, and whether this run met it.
type Target struct {
	Text string `json:"text"`
	Met  bool   `json:"met"`
}

// Row is one measured number, with its baseline and ratio when there is one.
type Row struct {
	Figure   string   `json:"figure"`
	Metric   string   `json:"metric"`
	Unit     string   `json:"unit"`
	Value    float64  `json:"value"`
	Baseline *float64 `json:"baseline,omitempty"`
	Ratio    *float64 `json:"ratio,omitempty"` // value / baseline
	Targets  []Target `json:"targets,omitempty"`
	Note     string   `json:"note,omitempty"`
}

// Measured starts a row.
func Measured(figure, metric, unit string, value float64) *Row {
	return &Row{Figure: figure, Metric: metric, Unit: unit, Value: value}
}

// Against sets the baseline measured in the same run, and the ratio to it.
func (r *Row) Against(baseline float64) *Row {
	r.Baseline = &baseline
	if baseline != 0 {
		ratio := r.Value / baseline
		r.Ratio = &ratio
	}
	return r
}

// AtLeast holds the value to a floor.
func (r *Row) AtLeast(floor float64) *Row {
	return r.target(fmt.Sprintf("≥ %s %s", num(floor), r.Unit), r.Value >= floor)
}

// AtMost holds the value to a ceiling.
func (r *Row) AtMost(ceiling float64) *Row {
	return r.target(fmt.Sprintf("≤ %s %s", num(ceiling), r.Unit), r.Value <= ceiling)
}

// RatioAtLeast holds the ratio to the baseline to a floor.
func (r *Row) RatioAtLeast(floor float64) *Row {
	return r.target(fmt.Sprintf("≥ %s× baseline", num(floor)), r.Ratio != nil && *r.Ratio >= floor)
}

// RatioAtMost holds the ratio to the baseline to a ceiling.
func (r *Row) RatioAtMost(ceiling float64) *Row {
	return r.target(fmt.Sprintf("≤ %s× baseline", num(ceiling)), r.Ratio != nil && *r.Ratio <= ceiling)
}

// Holds adds a target that is met or not by a condition of its own.
func (r *Row) Holds(text string, met bool) *Row { return r.target(text, met) }

// Noted adds a remark, printed under the table.
func (r *Row) Noted(format string, args ...any) *Row {
	r.Note = strings.TrimSpace(r.Note + " " + fmt.Sprintf(format, args...))
	return r
}

func (r *Row) target(text string, met bool) *Row {
	r.Targets = append(r.Targets, Target{Text: text, Met: met})
	return r
}

// Met tells whether every target of the row was met; a row without a target
// is met.
func (r *Row) Met() bool {
	for _, t := range r.Targets {
		if !t.Met {
			return false
		}
	}
	return true
}

// Report is one run of the benchmark.
type Report struct {
	mu      sync.Mutex
	Machine Machine   `json:"machine"`
	Started time.Time `json:"started"`
	Seconds float64   `json:"seconds"`
	Rows    []*Row    `json:"rows"`
}

// New starts a report on this machine.
func New() *Report {
	return &Report{Machine: ThisMachine(), Started: time.Now().UTC()}
}

// Add appends rows to the report.
func (rep *Report) Add(rows ...*Row) {
	rep.mu.Lock()
	defer rep.mu.Unlock()
	rep.Rows = append(rep.Rows, rows...)
}

// Finish records how long the run took.
func (rep *Report) Finish() {
	rep.mu.Lock()
	defer rep.mu.Unlock()
	rep.Seconds = time.Since(rep.Started).Round(time.Millisecond).Seconds()
}

// WriteJSON writes the report to path, indented.
func (rep *Report) WriteJSON(path string) error {
	rep.mu.Lock()
	b, err := json.MarshalIndent(rep, "", "  ")
	rep.mu.Unlock()
	if err != nil {
		return fmt.Errorf("encode report: %w", err)
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// Table prints the machine, then one line per row, then the notes.
func (rep *Report) Table(w io.Writer) {
	rep.mu.Lock()
	defer rep.mu.Unlock()
	fmt.Fprintf(w, "%s\n\n", rep.Machine)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "figure\tmetric\tvalue\tbaseline\tratio\ttarget\tmet")
	for _, r := range rep.Rows {
		fmt.Fprintf(tw, "%s\t%s\t%s %s\t%s\t%s\t%s\t%s\n", r.Figure, r.Metric, num(r.Value), r.Unit,
			optional(r.Baseline, ""), optional(r.Ratio, "×"), targets(r), verdict(r))
	}
	tw.Flush()
	for _, r := range rep.Rows {
		if r.Note != "" {
			fmt.Fprintf(w, "\n%s, %s: %s", r.Figure, r.Metric, r.Note)
		}
	}
	fmt.Fprintf(w, "\n\ntook %.1f s\n", rep.Seconds)
}

func targets(r *Row) string {
	var ts []string
	for _, t := range r.Targets {
		ts = append(ts, t.Text)
	}
	if len(ts) == 0 {
		return "—"
	}
	return strings.Join(ts, ", ")
}

func verdict(r *Row) string {
	switch {
	case len(r.Targets) == 0:
		return "—"
	case r.Met():
		return "met"
	}
	return "MISSED"
}

func optional(v *float64, suffix string) string {
	if v == nil {
		return "—"
	}
	return num(*v) + suffix
}

// num prints a figure with as many decimals as its size calls for.
func num(v float64) string {
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
