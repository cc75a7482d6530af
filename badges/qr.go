package badges

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	qrcode "github.com/skip2/go-qrcode"
)

// qrLevel is the error correction of every badge QR. skip2's Highest is QR
// level H: about 30% of the symbol may be lost (a crumpled badge, a thumb or
// a lanyard clip over a corner) and it still decodes. A code of 16 to 20
// characters in alphanumeric mode still fits version 2 (25 x 25 modules),
// only four modules wider than level Q's version 1: modules of 1.15 mm on
// inserts and 0.9 mm on cards, which phone cameras resolve at arm's length.
const qrLevel = qrcode.Highest

// pdfModulePx is the pixel size of one module in the QR images embedded in
// the PDF: viewers that smooth upscaled images blur a quarter module at
// most, and 5,000 images stay cheap (about 300 bytes each).
const pdfModulePx = 4

// QR returns a PNG of the QR code holding exactly the code (nothing else),
// px pixels square. The code is normalized as FormatCode does, minus the
// spaces; px must leave at least one pixel per module.
func QR(code string, px int) ([]byte, error) {
	bm, err := qrBitmap(code)
	if err != nil {
		return nil, err
	}
	if px < len(bm) {
		return nil, fmt.Errorf("qr of %d px: need at least %d", px, len(bm))
	}
	return newQREncoder().encode(bm, px, px/len(bm))
}

// qrBitmap returns the modules of code's QR, quiet zone included.
func qrBitmap(code string) ([][]bool, error) {
	c, err := checkCode(code)
	if err != nil {
		return nil, err
	}
	q, err := qrcode.New(c, qrLevel)
	if err != nil {
		return nil, fmt.Errorf("encode qr: %w", err)
	}
	return q.Bitmap(), nil
}

// qrBatch encodes the PDF QR images of a list of codes in the background,
// one goroutine per CPU taking codes in order, so that pages are laid out
// while later codes are still being encoded. Each image lands at its code's
// index: output order does not depend on scheduling.
type qrBatch struct {
	pngs  [][]byte
	errs  []error
	ready []chan struct{} // closed when the image at the same index is done
	stop  atomic.Bool
	wg    sync.WaitGroup
}

// startQRBatch starts encoding the QR image of each code.
func startQRBatch(codes []string) *qrBatch {
	b := &qrBatch{
		pngs:  make([][]byte, len(codes)),
		errs:  make([]error, len(codes)),
		ready: make([]chan struct{}, len(codes)),
	}
	for i := range b.ready {
		b.ready[i] = make(chan struct{})
	}
	var next atomic.Int64
	for range min(runtime.GOMAXPROCS(0), len(codes)) {
		b.wg.Go(func() {
			enc := newQREncoder()
			for i := int(next.Add(1) - 1); i < len(codes) && !b.stop.Load(); i = int(next.Add(1) - 1) {
				b.pngs[i], b.errs[i] = pdfQR(enc, codes[i])
				close(b.ready[i])
			}
		})
	}
	return b
}

// get waits for the i-th image and hands it over; the batch drops it.
func (b *qrBatch) get(i int) ([]byte, error) {
	<-b.ready[i]
	png, err := b.pngs[i], b.errs[i]
	b.pngs[i] = nil
	return png, err
}

// close stops the workers and waits for them to return.
func (b *qrBatch) close() {
	b.stop.Store(true)
	b.wg.Wait()
}

// pdfQR returns code's QR PNG at pdfModulePx pixels per module.
func pdfQR(enc *qrEncoder, code string) ([]byte, error) {
	bm, err := qrBitmap(code)
	if err != nil {
		return nil, err
	}
	return enc.encode(bm, len(bm)*pdfModulePx, pdfModulePx)
}
