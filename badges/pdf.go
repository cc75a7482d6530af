package badges

import (
	"bytes"
	"fmt"
	"io"

	"github.com/go-pdf/fpdf"
)

// Field limits, in runes, applied before fitting so that hostile input
// (10,000-character names) costs nothing downstream; fitting cuts further.
const (
	maxNameRunes  = 120
	maxFieldRunes = 160
)

// doc is a badge PDF being written.
type doc struct {
	pdf    *fpdf.Fpdf
	tr     func(string) string // UTF-8 to cp1252, for the core fonts
	g      geometry
	action Action              // cleaned
	events map[string][3]block // action, date and venue blocks per language
}

// Render writes a PDF of badge sheets for the leaders to w: leaders sorted
// by chapter, institution and name, each institution's badges after a
// separator page and starting on a fresh sheet. The leaders slice is not
// modified. It returns ErrNoBadges when leaders is empty, and an error
// wrapping ErrBadCode or ErrUnknownLayout for bad input; nothing is
// written to w then.
//
// QR images are encoded on every CPU while pages are laid out; the output
// does not depend on scheduling. Render is safe for concurrent use.
func Render(w io.Writer, a Action, leaders []Leader, layout Layout) error {
	if len(leaders) == 0 {
		return ErrNoBadges
	}
	g, err := geometryFor(layout)
	if err != nil {
		return fmt.Errorf("render badges: %w", err)
	}
	for i, l := range leaders {
		if _, err := checkCode(l.Code); err != nil {
			return fmt.Errorf("render badge of leader %d: %w", i, err)
		}
	}
	es := sortLeaders(leaders)
	qrs := startQRBatch(codesOf(es))
	defer qrs.close()
	d := newDoc(a, g)
	if err := d.packets(es, qrs); err != nil {
		return fmt.Errorf("render badges: %w", err)
	}
	if err := d.pdf.Output(w); err != nil {
		return fmt.Errorf("write badge pdf: %w", err)
	}
	return nil
}

// codesOf returns the code of each entry, in order.
func codesOf(es []entry) []string {
	codes := make([]string, len(es))
	for i, e := range es {
		codes[i] = e.Code
	}
	return codes
}

// newDoc starts a US Letter PDF in inches, with no automatic page breaks.
func newDoc(a Action, g geometry) *doc {
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "in", SizeStr: "Letter"})
	pdf.SetMargins(0, 0, 0)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCreator("Presente", false)
	pdf.SetCatalogSort(true) // fonts and images in a fixed order: same input, same bytes
	d := &doc{
		pdf: pdf,
		tr:  pdf.UnicodeTranslatorFromDescriptor(""),
		g:   g,
		action: Action{
			Name:  clean(a.Name, maxFieldRunes),
			Date:  clean(a.Date, maxFieldRunes),
			Venue: clean(a.Venue, maxFieldRunes),
		},
		events: map[string][3]block{},
	}
	pdf.SetTitle(d.tr(d.action.Name), false)
	return d
}

// packets adds one separator page and the badge sheets of each institution;
// qrs encodes the QR of each entry, at the same index.
func (d *doc) packets(es []entry, qrs *qrBatch) error {
	groups := groupByInstitution(es)
	at := 0
	for i, grp := range groups {
		d.separator(grp, i+1, len(groups))
		for start := 0; start < len(grp); start += d.g.perPage() {
			end := min(start+d.g.perPage(), len(grp))
			if err := d.sheet(grp[start:end], qrs, at+start); err != nil {
				return err
			}
		}
		at += len(grp)
	}
	return d.pdf.Error()
}

// registerQR adds the i-th QR image of qrs to the PDF under a name unique
// to its code.
func (d *doc) registerQR(code string, qrs *qrBatch, i int) (string, error) {
	png, err := qrs.get(i)
	if err != nil {
		return "", err
	}
	name := "qr-" + normalizeCode(code)
	opts := fpdf.ImageOptions{ImageType: "PNG"}
	d.pdf.RegisterImageOptionsReader(name, opts, bytes.NewReader(png))
	if err := d.pdf.Error(); err != nil {
		return "", fmt.Errorf("add qr image: %w", err)
	}
	return name, nil
}
