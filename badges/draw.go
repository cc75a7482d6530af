package badges

// Core fonts, drawn in cp1252.
const (
	sans = "Helvetica"
	mono = "Courier"
)

// Text metrics, as fractions of the font size.
const (
	capHeight = 0.72 // Helvetica's cap height
	leading   = 1.16 // baseline to baseline
)

// rgb is a color.
type rgb struct{ r, g, b int }

// Colors: black text, and a dark teal that prints well in gray.
var (
	ink    = rgb{0, 0, 0}
	muted  = rgb{80, 80, 80}
	accent = rgb{0, 95, 115}
)

// face is a core font and style: "" regular, "B" bold.
type face struct{ family, style string }

// block is text fitted to a width: its lines, face, size in points and color.
type block struct {
	lines []string
	face  face
	size  float64
	color rgb
}

// fitBlock fits s into a width of w inches.
func (d *doc) fitBlock(s string, f face, c rgb, w float64, ft fit) block {
	if s == "" {
		return block{face: f, size: ft.max, color: c}
	}
	d.pdf.SetFont(f.family, f.style, ft.max)
	width := func(s string) float64 {
		return float64(d.pdf.GetStringSymbolWidth(d.tr(s))) / 1000 / 72
	}
	lines, size := fitText(width, s, w, ft)
	return block{lines: lines, face: f, size: size, color: c}
}

// lead returns the distance between baselines, in inches.
func (b block) lead() float64 { return b.size * leading / 72 }

// height returns the distance from the cap top of the first line to the
// baseline of the last, in inches; 0 for no lines.
func (b block) height() float64 {
	if len(b.lines) == 0 {
		return 0
	}
	return float64(len(b.lines)-1)*b.lead() + capHeight*b.size/72
}

// draw writes b with its first cap top at y, each line aligned in the
// horizontal span of bx: 'L' left, 'C' centered.
func (d *doc) draw(b block, bx box, y float64, align byte) {
	d.pdf.SetFont(b.face.family, b.face.style, b.size)
	d.pdf.SetTextColor(b.color.r, b.color.g, b.color.b)
	base := y + capHeight*b.size/72
	for i, line := range b.lines {
		s := d.tr(line)
		x := bx.x
		if align == 'C' {
			x += (bx.w - d.pdf.GetStringWidth(s)) / 2
		}
		d.pdf.Text(x, base+float64(i)*b.lead(), s)
	}
}

// drawMiddle draws b centered vertically in bx.
func (d *doc) drawMiddle(b block, bx box, align byte) {
	d.draw(b, bx, bx.y+(bx.h-b.height())/2, align)
}

// below returns the room b takes in a column: its height, its descenders
// and a gap of gap inches.
func (b block) below(gap float64) float64 {
	if len(b.lines) == 0 {
		return 0
	}
	return b.height() + b.size*(leading-capHeight)/72 + gap
}

// drawDown draws blocks left-aligned from the top of bx down, gap inches
// apart.
func (d *doc) drawDown(bx box, gap float64, bs ...block) {
	y := bx.y
	for _, b := range bs {
		d.draw(b, bx, y, 'L')
		y += b.below(gap)
	}
}

// drawUp draws blocks left-aligned so that the last baseline sits on the
// bottom of bx, gap inches apart.
func (d *doc) drawUp(bx box, gap float64, bs ...block) {
	y := bx.y + bx.h
	for i := len(bs) - 1; i >= 0; i-- {
		if len(bs[i].lines) > 0 {
			y -= bs[i].height()
			d.draw(bs[i], bx, y, 'L')
			y -= bs[i].size*(leading-capHeight)/72 + gap
		}
	}
}

// fillRect paints a rectangle.
func (d *doc) fillRect(bx box, c rgb) {
	d.pdf.SetFillColor(c.r, c.g, c.b)
	d.pdf.Rect(bx.x, bx.y, bx.w, bx.h, "F")
}
