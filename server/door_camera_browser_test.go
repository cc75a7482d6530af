package server

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/security"
	"github.com/chromedp/chromedp"
	qrcode "github.com/skip2/go-qrcode"

	"presente/server/lan"
)

// TestScannerBrowserCamera: Chromium's fake camera plays a video of a real
// badge QR; the scanner decodes it (the polyfill and its WebAssembly from
// our own server, under our CSP), answers green, and the turnout moves.
func TestScannerBrowserCamera(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	code := f.Codes["Sindicato Local 12"][2]
	video := filepath.Join(t.TempDir(), "badge.y4m")
	writeY4M(t, video, code)
	ctx := newPhone(t,
		chromedp.Flag("use-fake-device-for-media-stream", true),
		chromedp.Flag("use-fake-ui-for-media-stream", true),
		chromedp.Flag("use-file-for-fake-video-capture", video))
	before := ts.presentTotal(t, f.Action, f.Door)
	openScanner(t, ctx, ts.URL, f.Door)

	waitPage(t, ctx, `document.getElementById('answer').dataset.kind === 'ok'`, "the camera to read the badge")
	saveShot(t, ctx, "green")
	title := pageEval[string](t, ctx, `document.querySelector('.answer-title').textContent`)
	if !strings.Contains(title, "Sindicato Local 12") {
		t.Errorf("green answer names %q; want the badge's leader", title)
	}
	ts.waitTotal(t, f.Action, f.Door, before+1)
	kind := pageEval[string](t, ctx, `document.getElementById('cam-state').dataset.kind`)
	decodes := pageEval[int](t, ctx, `window.presenteScanner.camera.decodes`)
	start := time.Now()
	// The camera keeps seeing the same badge: it is not checked in again.
	waitPage(t, ctx, fmt.Sprintf("window.presenteScanner.camera.decodes >= %d", decodes+20), "more decodes of the same badge")
	t.Logf("decoder: %s, %.1f decodes a second", kind, 20/time.Since(start).Seconds())
	if got := ts.presentTotal(t, f.Action, f.Door); got != before+1 {
		t.Errorf("turnout while the badge stays in view = %d, want %d", got, before+1)
	}
}

// TestScannerBrowserCameraOverHTTPS: the same over HTTPS with our own
// certificate, as a phone uses it: a secure context, no service worker.
func TestScannerBrowserCameraOverHTTPS(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	cert := testCertificate(t)
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	go ts.ServeTLS(ln, cert, lan.Site{HTTPSPort: port, Hosts: []string{"127.0.0.1"}})
	video := filepath.Join(t.TempDir(), "badge.y4m")
	writeY4M(t, video, f.Codes["Centro El Puente"][1])
	ctx := newPhone(t, chromedp.Flag("use-fake-device-for-media-stream", true),
		chromedp.Flag("use-fake-ui-for-media-stream", true),
		chromedp.Flag("use-file-for-fake-video-capture", video))
	// As a phone that tapped through the certificate warning: the error stays
	// on the origin (the command-line flag would erase it, and let a service
	// worker in where a phone gets none).
	if _, err := chromedp.Call(ctx, security.SetIgnoreCertificateErrors, security.SetIgnoreCertificateErrorsParams{Ignore: true}); err != nil {
		t.Fatalf("accept the certificate: %v", err)
	}
	before := ts.presentTotal(t, f.Action, f.Door)
	openScanner(t, ctx, "https://"+ln.Addr().String(), f.Door)
	waitPage(t, ctx, `document.getElementById('answer').dataset.kind === 'ok'`, "the camera to read the badge over HTTPS")
	ts.waitTotal(t, f.Action, f.Door, before+1)
	if sw := pageEval[bool](t, ctx, `!!(navigator.serviceWorker && navigator.serviceWorker.controller)`); sw {
		t.Errorf("a service worker controls the scanner; it must work without one")
	}
}

// writeY4M writes a short YUV4MPEG2 video, 640x480 in 4:2:0, each frame a
// badge QR holding text on white: what Chromium's fake camera plays in a loop.
func writeY4M(tb testing.TB, path, text string) {
	tb.Helper()
	q, err := qrcode.New(text, qrcode.Highest)
	if err != nil {
		tb.Fatalf("qr: %v", err)
	}
	const w, h, scale = 640, 480, 12
	bm := q.Bitmap()
	size := len(bm) * scale
	x0, y0 := (w-size)/2, (h-size)/2
	luma := bytes.Repeat([]byte{235}, w*h)
	for y := range size {
		for x := range size {
			if bm[y/scale][x/scale] {
				luma[(y0+y)*w+x0+x] = 16
			}
		}
	}
	chroma := bytes.Repeat([]byte{128}, w*h/2) // U and V planes, a quarter each
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "YUV4MPEG2 W%d H%d F10:1 Ip A1:1 C420\n", w, h)
	for range 5 {
		buf.WriteString("FRAME\n")
		buf.Write(luma)
		buf.Write(chroma)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		tb.Fatalf("write y4m: %v", err)
	}
}
