package badges

import "fmt"

// Separator page geometry, in inches on a portrait Letter page.
var (
	sepBand  = box{0.75, 0.75, 7, 0.12} // accent band, easy to spot in a stack
	sepEvent = box{0.75, 1.1, 7, 0.9}
	sepBody  = box{0.75, 3.2, 7, 5.5}
	sepSign  = box{0.75, 9.3, 7, 0.2} // "received by" and a line to sign on
)

// Separator page text sizes, in points.
var (
	sepActionFit = fit{max: 18, min: 12, floor: 10, lines: 2}
	sepDateFit   = fit{max: 14, min: 10, floor: 10, lines: 1}
	sepLabelFit  = fit{max: 14, min: 14, floor: 14, lines: 1}
	sepInstFit   = fit{max: 40, min: 26, floor: 16, lines: 2}
	sepChapFit   = fit{max: 22, min: 14, floor: 14, lines: 1}
	sepCountFit  = fit{max: 44, min: 44, floor: 44, lines: 1}
)

// separator adds the page that opens an institution's packet: the
// institution, its chapter and its badge count, in the language most of
// its leaders read, so the packet can be handed over as is.
func (d *doc) separator(es []entry, n, total int) {
	w := wordsFor(majority(es))
	d.pdf.AddPage()
	d.fillRect(sepBand, accent)
	d.drawDown(sepEvent, 0.06,
		d.fitBlock(d.action.Name, face{sans, "B"}, ink, sepEvent.w, sepActionFit),
		d.fitBlock(d.when(w), face{sans, ""}, muted, sepEvent.w, sepDateFit))
	inst := clean(es[0].Institution, maxFieldRunes)
	if inst == "" {
		inst = w.noInstitution
	}
	chapter := clean(es[0].Chapter, maxFieldRunes)
	if chapter != "" {
		chapter = w.chapter + ": " + chapter
	}
	d.drawDown(sepBody, 0.3,
		d.fitBlock(w.institution, face{sans, ""}, muted, sepBody.w, sepLabelFit),
		d.fitBlock(inst, face{sans, "B"}, ink, sepBody.w, sepInstFit),
		d.fitBlock(chapter, face{sans, ""}, ink, sepBody.w, sepChapFit),
		d.fitBlock(w.count(len(es)), face{sans, "B"}, accent, sepBody.w, sepCountFit),
		d.fitBlock(fmt.Sprintf(w.packet, n, total), face{sans, ""}, muted, sepBody.w, sepLabelFit))
	d.signLine(w)
}

// signLine draws the "received by" label and a line to sign on.
func (d *doc) signLine(w *words) {
	label := d.fitBlock(w.receivedBy, face{sans, ""}, muted, sepSign.w, sepLabelFit)
	d.draw(label, sepSign, sepSign.y, 'L')
	d.pdf.SetFont(sans, "", label.size)
	x := sepSign.x + d.pdf.GetStringWidth(d.tr(w.receivedBy)) + 0.15
	base := sepSign.y + capHeight*label.size/72
	d.pdf.SetDrawColor(muted.r, muted.g, muted.b)
	d.pdf.SetLineWidth(0.01)
	d.pdf.Line(x, base, sepSign.x+sepSign.w, base)
}

// when returns the action's date and venue: "12 de diciembre de 2026 · Venue".
func (d *doc) when(w *words) string {
	s := w.date(d.action.Date)
	if d.action.Venue != "" {
		s += " · " + d.action.Venue
	}
	return s
}
