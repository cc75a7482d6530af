package benchreport

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRowTargets(t *testing.T) {
	tests := []struct {
		name string
		row  *Row
		met  bool
	}{
		{"floor met", Measured("f", "m", "/s", 25000).AtLeast(20000), true},
		{"floor missed", Measured("f", "m", "/s", 4000).AtLeast(20000), false},
		{"ratio met", Measured("f", "m", "/s", 30).Against(100).RatioAtLeast(0.25), true},
		{"ratio missed", Measured("f", "m", "ms", 30).Against(10).RatioAtMost(1.5), false},
		{"ratio without baseline", Measured("f", "m", "ms", 30).RatioAtMost(1.5), false},
		{"no target", Measured("f", "m", "ms", 30), true},
		{"two targets, one missed", Measured("f", "m", "ms", 30).AtMost(40).AtMost(20), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.row.Met(); got != tt.met {
				t.Errorf("Met() = %v, want %v (%+v)", got, tt.met, tt.row.Targets)
			}
		})
	}
}

func TestReportTableAndJSON(t *testing.T) {
	rep := New()
	rep.Add(Measured("check-ins", "rate", "/s", 4123).Against(50000).AtLeast(20000).Noted("single writer"))
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
	var back Report
	if err := json.Unmarshal(b, &back); err != nil || len(back.Rows) != 1 || *back.Rows[0].Ratio != 4123.0/50000 {
		t.Errorf("JSON = %s (%v)", b, err)
	}
}

func TestQuantile(t *testing.T) {
	var ds []time.Duration
	for i := 1; i <= 100; i++ {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	for q, want := range map[float64]time.Duration{0.5: 50 * time.Millisecond, 0.99: 99 * time.Millisecond, 1: 100 * time.Millisecond} {
		if got := Quantile(ds, q); got != want {
			t.Errorf("Quantile(%v) = %v, want %v", q, got, want)
		}
	}
	if got := Quantile(nil, 0.5); got != 0 {
		t.Errorf("Quantile(nil) = %v, want 0", got)
	}
}
