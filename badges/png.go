package badges

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
)

// pngSignature opens every PNG file.
const pngSignature = "\x89PNG\r\n\x1a\n"

// qrEncoder writes QR codes as 1-bit grayscale PNGs, the smallest image
// fpdf embeds without re-encoding it, reusing its deflate state between
// images. It is not safe for concurrent use.
type qrEncoder struct {
	zw   *zlib.Writer
	idat bytes.Buffer
	raw  []byte
}

// newQREncoder returns an encoder favoring speed: after the Up filter a QR
// image is mostly zeros, which the fastest deflate level squeezes to about
// 300 bytes.
func newQREncoder() *qrEncoder {
	e := &qrEncoder{}
	e.zw, _ = zlib.NewWriterLevel(&e.idat, zlib.BestSpeed) // the level is valid
	return e
}

// encode draws bm at scale pixels per module, centered on a white square
// of px pixels, and returns it as PNG.
func (e *qrEncoder) encode(bm [][]bool, px, scale int) ([]byte, error) {
	e.draw(bm, px, scale)
	e.idat.Reset()
	e.zw.Reset(&e.idat)
	if _, err := e.zw.Write(e.raw); err != nil {
		return nil, fmt.Errorf("compress qr png: %w", err)
	}
	if err := e.zw.Close(); err != nil {
		return nil, fmt.Errorf("compress qr png: %w", err)
	}
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(px))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(px))
	ihdr[8] = 1 // bit depth; color type 0 (gray), deflate, no filter set, no interlace
	out := make([]byte, 0, len(pngSignature)+3*12+len(ihdr)+e.idat.Len())
	out = append(out, pngSignature...)
	out = appendChunk(out, "IHDR", ihdr[:])
	out = appendChunk(out, "IDAT", e.idat.Bytes())
	return appendChunk(out, "IEND", nil), nil
}

// draw fills e.raw with the PNG scanlines of bm: each a filter byte then
// one bit per pixel, 1 for white.
func (e *qrEncoder) draw(bm [][]bool, px, scale int) {
	stride := 1 + (px+7)/8
	e.raw = append(e.raw[:0], make([]byte, stride*px)...)
	for y := range px {
		row := e.raw[y*stride+1 : (y+1)*stride]
		for i := range row {
			row[i] = 0xff
		}
	}
	off := (px - len(bm)*scale) / 2
	for my, modules := range bm {
		top := off + my*scale
		row := e.raw[top*stride+1 : (top+1)*stride]
		for mx, dark := range modules {
			for x := off + mx*scale; dark && x < off+(mx+1)*scale; x++ {
				row[x/8] &^= 0x80 >> (x % 8)
			}
		}
		for dy := 1; dy < scale; dy++ {
			copy(e.raw[(top+dy)*stride:], e.raw[top*stride:(top+1)*stride])
		}
	}
	filterUp(e.raw, stride)
}

// filterUp applies PNG's Up filter to every scanline but the first, from
// the bottom up so each still sees its unfiltered predecessor: a line
// repeating the one above becomes zeros.
func filterUp(raw []byte, stride int) {
	for y := len(raw)/stride - 1; y > 0; y-- {
		row, prev := raw[y*stride:(y+1)*stride], raw[(y-1)*stride:y*stride]
		row[0] = 2 // Up
		for i := 1; i < stride; i++ {
			row[i] -= prev[i]
		}
	}
}

// appendChunk appends a PNG chunk: length, type, data and CRC.
func appendChunk(out []byte, typ string, data []byte) []byte {
	out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
	start := len(out)
	out = append(out, typ...)
	out = append(out, data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start:]))
}
