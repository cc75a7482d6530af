package store

import "testing"

// TestPercentFloors pins the one percentage rule of every report page and
// CSV, the same as the browser's numbers.js: the whole percent below the
// exact share, so a report never shows more progress than was made and
// "100" means the commitment is met.
func TestPercentFloors(t *testing.T) {
	tests := []struct {
		present, committed int
		want               int // -1: no percent
	}{
		{9, 200, 4},     // 4.5 %
		{17, 200, 8},    // 8.5 %
		{2, 3, 66},      // 66.7 %
		{1, 3, 33},      // 33.3 %
		{199, 200, 99},  // 99.5 %: not met yet
		{200, 200, 100}, // met
		{201, 200, 100}, // 100.5 %
		{0, 5, 0},
		{5, 0, -1},
		{3, -1, -1},
	}
	for _, tt := range tests {
		got := percent(tt.present, tt.committed)
		switch {
		case tt.want < 0 && got != nil:
			t.Errorf("percent(%d, %d) = %d, want none", tt.present, tt.committed, *got)
		case tt.want >= 0 && (got == nil || *got != tt.want):
			t.Errorf("percent(%d, %d) = %v, want %d", tt.present, tt.committed, fmtPtr(got), tt.want)
		}
	}
}

func fmtPtr(p *int) any {
	if p == nil {
		return "none"
	}
	return *p
}
