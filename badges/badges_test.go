package badges

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

func TestFormatCode(t *testing.T) {
	tests := []struct{ code, want string }{
		{"7KQ2M9XD4TBW0RHA", "7KQ2 M9XD 4TBW 0RHA"},
		{"7kq2m9xd4tbw0rha", "7KQ2 M9XD 4TBW 0RHA"},
		{"7KQ2 M9XD 4TBW 0RHA", "7KQ2 M9XD 4TBW 0RHA"},
		{"7KQ2-M9XD-4TBW-0RHA", "7KQ2 M9XD 4TBW 0RHA"},
		{"7KQ2M9", "7KQ2 M9"},
		{"ABCD", "ABCD"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			if got := FormatCode(tt.code); got != tt.want {
				t.Errorf("FormatCode(%q) = %q, want %q", tt.code, got, tt.want)
			}
		})
	}
}

func TestParseLayout(t *testing.T) {
	tests := []struct {
		in      string
		want    Layout
		wantErr bool
	}{
		{"", LayoutInsert, false},
		{"insert", LayoutInsert, false},
		{" Card ", LayoutCard, false},
		{"card", LayoutCard, false},
		{"a4", "", true},
		{"inserts", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseLayout(tt.in)
			if got != tt.want || (err != nil) != tt.wantErr {
				t.Fatalf("ParseLayout(%q) = %q, %v; want %q, error %t", tt.in, got, err, tt.want, tt.wantErr)
			}
			if err != nil && !errors.Is(err, ErrUnknownLayout) {
				t.Errorf("ParseLayout(%q) error %v does not wrap ErrUnknownLayout", tt.in, err)
			}
		})
	}
}

func TestCheckCode(t *testing.T) {
	tests := []struct {
		code string
		ok   bool
	}{
		{"7KQ2M9XD4TBW0RHA", true},
		{"7kq2-m9xd-4tbw-0rha", true},
		{"7KQ2M9XD4TBW0RHA7KQ2", true},
		{"7KQ2M9XD4TBW0RHA7KQ2M", false}, // over version 2
		{"7KQ2M9XD4TBW0RH", false},       // 75 bits
		{"7KQ2M9XD4TBW0RHU", false},      // U is not Crockford
		{"7KQ2M9XD4TBW0RH!", false},
		{"7KQ2M9XD4TBW0RHÁ", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			_, err := checkCode(tt.code)
			if (err == nil) != tt.ok || err != nil && !errors.Is(err, ErrBadCode) {
				t.Errorf("checkCode(%q) = %v, want ok %t", tt.code, err, tt.ok)
			}
		})
	}
}

func TestQR(t *testing.T) {
	for _, px := range []int{33, 100, 256} {
		b, err := QR("7KQ2M9XD4TBW0RHA", px)
		if err != nil {
			t.Fatalf("QR(%d): %v", px, err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("decode QR(%d) png: %v", px, err)
		}
		if got := img.Bounds().Size(); got != image.Pt(px, px) {
			t.Errorf("QR(%d) size = %v, want %dx%d", px, got, px, px)
		}
		if got := decodeQR(t, upscale(img, 4)); got != "7KQ2M9XD4TBW0RHA" {
			t.Errorf("QR(%d) decodes to %q, want the code alone", px, got)
		}
	}
}

func TestQRErrors(t *testing.T) {
	if _, err := QR("7KQ2M9XD4TBW0RHA", 20); err == nil {
		t.Error("QR at 20 px: no error, want one (33 modules)")
	}
	if _, err := QR("not a code", 256); !errors.Is(err, ErrBadCode) {
		t.Errorf("QR of a bad code = %v, want ErrBadCode", err)
	}
}

// TestQRLevel checks codes use alphanumeric mode at level H: version 2
// (25 modules and a 4-module quiet zone on each side), the size the
// layouts plan for, up to the longest code allowed.
func TestQRLevel(t *testing.T) {
	for _, code := range []string{"ZZZZZZZZZZZZZZZZ", "ZZZZZZZZZZZZZZZZZZZZ"} {
		bm, err := qrBitmap(code)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(bm); got != 33 {
			t.Errorf("qr of %d characters is %d modules wide, want 33", len(code), got)
		}
	}
}

// decodeQR returns the text of the QR code in img, or "" if none decodes.
func decodeQR(tb testing.TB, img image.Image) string {
	tb.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		tb.Fatalf("bitmap: %v", err)
	}
	hints := map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, hints)
	if err != nil {
		return ""
	}
	return res.GetText()
}

// upscale enlarges img k times, as a printer would, so that tiny test
// images decode.
func upscale(img image.Image, k int) image.Image {
	b := img.Bounds()
	out := image.NewGray(image.Rect(0, 0, b.Dx()*k, b.Dy()*k))
	for y := range out.Rect.Dy() {
		for x := range out.Rect.Dx() {
			out.Set(x, y, img.At(b.Min.X+x/k, b.Min.Y+y/k))
		}
	}
	return out
}
