package badges

import (
	"fmt"
	"math"

	"github.com/go-pdf/fpdf"
)

// Crop marks: hairlines on the cut lines, in the sheet margins, stopping
// short of the badges and of the paper edge.
const (
	markGap   = 0.06 // between a mark and the badges
	markLen   = 0.25
	markEdge  = 0.03 // between a mark and the paper edge
	markWidth = 0.005
)

// sheet adds a page with up to perPage badges of one institution; their QR
// images are those of qrs from index at.
func (d *doc) sheet(es []entry, qrs *qrBatch, at int) error {
	d.pdf.AddPage()
	for i, e := range es {
		name, err := d.registerQR(e.Code, qrs, at+i)
		if err != nil {
			return fmt.Errorf("badge %d: %w", at+i+1, err)
		}
		d.badge(e, name, d.g.cell(i))
	}
	d.cropMarks(len(es))
	return nil
}

// badge draws one leader's badge in cell.
func (d *doc) badge(e entry, qr string, cell box) {
	g := d.g
	w := wordsFor(language(e.Language))
	align := byte('L')
	if g.center {
		align = 'C'
	}
	name := d.fitBlock(clean(e.Name, maxNameRunes), face{sans, "B"}, ink, g.name.w, g.nameFit)
	d.drawMiddle(name, g.name.inside(cell), align)
	d.fillRect(g.rule.inside(cell), accent)
	info := g.info.inside(cell)
	d.drawDown(info, 0.05,
		d.fitBlock(clean(e.Institution, maxFieldRunes), face{sans, "B"}, ink, info.w, g.instFit),
		d.fitBlock(clean(e.Chapter, maxFieldRunes), face{sans, ""}, muted, info.w, g.chapFit))
	ev := d.eventBlocks(w)
	d.drawUp(g.event.inside(cell), 0.02, ev[:]...)
	q := g.qr.inside(cell)
	d.pdf.ImageOptions(qr, q.x, q.y, q.w, q.h, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	d.codeLines(e.Code, w, cell)
}

// eventBlocks returns the action name, date and venue blocks in a
// language, fitted once per document.
func (d *doc) eventBlocks(w *words) [3]block {
	if ev, ok := d.events[w.lang]; ok {
		return ev
	}
	g, a := d.g, d.action
	ev := [3]block{
		d.fitBlock(a.Name, face{sans, "B"}, accent, g.event.w, g.actionFit),
		d.fitBlock(w.date(a.Date), face{sans, ""}, muted, g.event.w, g.dateFit),
		d.fitBlock(a.Venue, face{sans, ""}, muted, g.event.w, g.dateFit),
	}
	d.events[w.lang] = ev
	return ev
}

// codeLines writes the "Code" label and the grouped code under the QR.
func (d *doc) codeLines(code string, w *words, cell box) {
	q := d.g.qr.inside(cell)
	label := block{lines: []string{w.code}, face: face{sans, ""}, size: 7, color: muted}
	d.draw(label, q, cell.y+d.g.label-capHeight*label.size/72, 'C')
	// Codes longer than the usual 16 characters shrink to the QR's width.
	fitCode := fit{max: d.g.codePt, min: 5, floor: 5, lines: 1}
	c := d.fitBlock(FormatCode(code), face{mono, "B"}, ink, q.w, fitCode)
	d.draw(c, q, cell.y+d.g.code-capHeight*c.size/72, 'C')
}

// cropMarks draws marks on every cut line of the first n cells, in the
// margins around the grid: badges abut, so one cut serves two badges and
// a mark between them would print on a badge.
func (d *doc) cropMarks(n int) {
	g := d.g
	rows := (n + g.cols - 1) / g.cols
	cols := min(n, g.cols)
	top, bottom := g.top, g.top+float64(rows)*g.h
	left, right := g.left, g.left+float64(cols)*g.w
	d.pdf.SetDrawColor(0, 0, 0)
	d.pdf.SetLineWidth(markWidth)
	for c := 0; c <= cols; c++ {
		x := left + float64(c)*g.w
		d.mark(x, top-markGap, x, -1)
		d.mark(x, bottom+markGap, x, pageH+1)
	}
	for r := 0; r <= rows; r++ {
		y := top + float64(r)*g.h
		d.mark(left-markGap, y, -1, y)
		d.mark(right+markGap, y, pageW+1, y)
	}
}

// mark draws a crop mark from (x, y) towards (tx, ty), at most markLen
// long and stopping markEdge short of the paper edge.
func (d *doc) mark(x, y, tx, ty float64) {
	clamp := func(v, t, edge float64) float64 {
		end := v + math.Copysign(markLen, t-v)
		return math.Max(math.Min(end, edge-markEdge), markEdge)
	}
	if tx != x {
		tx = clamp(x, tx, pageW)
	}
	if ty != y {
		ty = clamp(y, ty, pageH)
	}
	d.pdf.Line(x, y, tx, ty)
}
