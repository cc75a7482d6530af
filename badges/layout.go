package badges

import "fmt"

// US Letter, in inches, the unit of every length in this package.
const (
	pageW = 8.5
	pageH = 11.0
)

// box is a rectangle on a page or a badge, in inches from the top left.
type box struct{ x, y, w, h float64 }

// geometry places badges on a sheet and lays out one badge. Boxes inside a
// badge are relative to its top-left corner.
type geometry struct {
	w, h       float64 // badge size
	cols, rows int
	left, top  float64 // top-left corner of the grid on the sheet; badges abut

	name    box // the leader's name, centered on both axes
	nameFit fit
	center  bool    // center the name horizontally, else left-align it
	rule    box     // accent rule under the name (h is its thickness)
	info    box     // institution and chapter, from the top down
	event   box     // action name and date, from the bottom up
	qr      box     // QR image, its quiet zone included
	label   float64 // baseline of the "Code" label, centered under the QR
	code    float64 // baseline of the typed code
	codePt  float64 // size of the typed code

	instFit, chapFit, actionFit, dateFit fit
}

// insertGeometry matches 4 x 3 in insert stock, 2 x 3 per sheet (as Avery
// 74459): side margins 1/4 in, top and bottom 1 in.
func insertGeometry() geometry {
	return geometry{
		w: 4, h: 3, cols: 2, rows: 3, left: 0.25, top: 1,
		name:    box{0.2, 0.18, 3.6, 0.84},
		nameFit: fit{max: 34, min: 22, floor: 13, lines: 2},
		center:  true,
		rule:    box{0.2, 1.08, 3.6, 0.025},
		info:    box{0.2, 1.24, 2.1, 0.8},
		event:   box{0.2, 2.0, 2.06, 0.86},
		qr:      box{2.34, 1.12, 1.5, 1.5}, // 25-module symbol of 1.14 in
		label:   2.70, code: 2.86, codePt: 9,
		instFit:   fit{max: 15, min: 11, floor: 8, lines: 2},
		chapFit:   fit{max: 11, min: 8, floor: 8, lines: 1},
		actionFit: fit{max: 10, min: 8, floor: 7, lines: 2},
		dateFit:   fit{max: 9, min: 7, floor: 6.5, lines: 1},
	}
}

// cardGeometry matches 3.5 x 2 in card stock, 2 x 5 per sheet (as Avery
// 8371): side margins 3/4 in, top and bottom 1/2 in.
func cardGeometry() geometry {
	return geometry{
		w: 3.5, h: 2, cols: 2, rows: 5, left: 0.75, top: 0.5,
		name:    box{0.14, 0.12, 2.04, 0.6},
		nameFit: fit{max: 20, min: 14, floor: 9, lines: 2},
		rule:    box{0.14, 0.78, 2.04, 0.02},
		info:    box{0.14, 0.88, 2.04, 0.5},
		event:   box{0.14, 1.3, 2.04, 0.54},
		qr:      box{2.24, 0.38, 1.2, 1.2}, // 25-module symbol of 0.91 in
		label:   1.69, code: 1.84, codePt: 7.5,
		instFit:   fit{max: 10, min: 8, floor: 7, lines: 2},
		chapFit:   fit{max: 8, min: 7, floor: 7, lines: 1},
		actionFit: fit{max: 8, min: 6.5, floor: 6, lines: 2},
		dateFit:   fit{max: 7, min: 6, floor: 6, lines: 1},
	}
}

// geometryFor returns the geometry of a layout; "" means LayoutInsert.
func geometryFor(l Layout) (geometry, error) {
	switch l {
	case LayoutInsert, "":
		return insertGeometry(), nil
	case LayoutCard:
		return cardGeometry(), nil
	}
	return geometry{}, fmt.Errorf("layout %q: %w", l, ErrUnknownLayout)
}

// perPage returns how many badges a sheet holds.
func (g geometry) perPage() int { return g.cols * g.rows }

// cell returns the sheet position of the i-th badge of a page, row by row.
func (g geometry) cell(i int) box {
	col, row := i%g.cols, i/g.cols
	return box{g.left + float64(col)*g.w, g.top + float64(row)*g.h, g.w, g.h}
}

// inside returns b moved from badge coordinates to the sheet.
func (b box) inside(cell box) box {
	return box{cell.x + b.x, cell.y + b.y, b.w, b.h}
}
