package badges

import (
	"errors"
	"testing"
)

// TestGeometry checks each layout against the print requirements: the
// grid fits the sheet, every box fits its badge, the QR is big enough to
// scan from a phone and the name box holds two lines.
func TestGeometry(t *testing.T) {
	tests := []struct {
		layout    Layout
		w, h      float64
		perPage   int
		minSymbol float64 // QR without its quiet zone, inches
	}{
		{LayoutInsert, 4, 3, 6, 1.1},
		{LayoutCard, 3.5, 2, 10, 0.9},
	}
	for _, tt := range tests {
		t.Run(string(tt.layout), func(t *testing.T) {
			g, err := geometryFor(tt.layout)
			if err != nil {
				t.Fatal(err)
			}
			if g.w != tt.w || g.h != tt.h || g.perPage() != tt.perPage {
				t.Errorf("badge %vx%v, %d a sheet; want %vx%v, %d", g.w, g.h, g.perPage(), tt.w, tt.h, tt.perPage)
			}
			if symbol := g.qr.w * 25 / 33; symbol < tt.minSymbol {
				t.Errorf("QR symbol %.2f in, want at least %v", symbol, tt.minSymbol)
			}
			checkGrid(t, g)
			checkBoxes(t, g)
		})
	}
	if _, err := geometryFor("poster"); !errors.Is(err, ErrUnknownLayout) {
		t.Errorf("geometryFor(poster) = %v, want ErrUnknownLayout", err)
	}
}

// checkGrid checks the grid leaves printable margins on a Letter sheet.
func checkGrid(tb testing.TB, g geometry) {
	tb.Helper()
	last := g.cell(g.perPage() - 1)
	if g.left < 0.2 || g.top < 0.2 || last.x+last.w > pageW-0.2 || last.y+last.h > pageH-0.2 {
		tb.Errorf("grid %v..%v leaves under 0.2 in of margin on Letter", g.cell(0), last)
	}
}

// checkBoxes checks the boxes of a badge stay inside it, the name box holds
// two lines at the smallest one-line size and the code sits under the QR.
func checkBoxes(tb testing.TB, g geometry) {
	tb.Helper()
	for name, b := range map[string]box{"name": g.name, "rule": g.rule, "info": g.info, "event": g.event, "qr": g.qr} {
		if b.x < 0.05 || b.y < 0.05 || b.x+b.w > g.w-0.05 || b.y+b.h > g.h-0.05 {
			tb.Errorf("%s box %v not inside the %vx%v badge", name, b, g.w, g.h)
		}
	}
	if two := (leading + capHeight) * g.nameFit.min / 72; two > g.name.h {
		tb.Errorf("two name lines at %v pt take %.2f in, box %.2f", g.nameFit.min, two, g.name.h)
	}
	if g.code > g.h-0.1 || g.label < g.qr.y+g.qr.h {
		tb.Errorf("code lines at %v, %v: want under the QR and inside the badge", g.label, g.code)
	}
}
