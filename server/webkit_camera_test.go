//go:build linux

package server

import (
	"encoding/base64"
	"strings"
	"testing"

	"presente/badges"
)

// TestWebKitScannerDecodesABadgeImage is TestScannerBrowserCamera in WebKit.
// WebKit's own: WebKitGTK opens no camera here (the scanner says it could
// not), so the test hands the camera a badge's printed QR, drawn in the
// middle of a 640x480 frame, through decodeFrame: the function the camera
// loop gives each video frame. WebKitGTK has no BarcodeDetector, so the
// scanner decodes with the vendored polyfill and its WebAssembly from our
// own server, under our CSP. The answer is green with the leader and the
// turnout moves by one; the same badge seen again does not count again.
func TestWebKitScannerDecodesABadgeImage(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	code := f.Codes["Sindicato Local 12"][2]
	png, err := badges.QR(code, 360)
	if err != nil {
		t.Fatalf("badge QR: %v", err)
	}
	wk := newWebKit(t)
	wkOpenDoor(wk, ts.URL, f.Door)
	before := ts.presentTotal(t, f.Action, f.Door)

	read := wkEval[[]string](wk, `(async (b64, decodes) => {
		const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
		const badge = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
		const frame = document.createElement('canvas'); // a camera's 640x480, the badge held up in the middle
		frame.width = 640; frame.height = 480;
		const g = frame.getContext('2d');
		g.fillStyle = '#fff'; g.fillRect(0, 0, 640, 480);
		g.drawImage(badge, (640 - badge.width) / 2, (480 - badge.height) / 2);
		const reads = [];
		for (let i = 0; i < decodes; i++) reads.push((await window.presenteScanner.camera.decodeFrame(frame)).join());
		return reads;
	})(`+jsString(base64.StdEncoding.EncodeToString(png))+`, 20)`)
	if len(read) != 20 {
		t.Fatalf("decoded the badge %d times, want 20", len(read))
	}
	for i, got := range read {
		if got != code {
			t.Errorf("decode %d of the badge read %q, want %s", i, got, code)
		}
	}
	wk.wait("the green answer", `document.getElementById('answer').dataset.kind === 'ok'`)
	wk.screenshot("green")
	if title := wk.text(".answer-title"); !strings.Contains(title, "Sindicato Local 12") {
		t.Errorf("green answer names %q; want the badge's leader", title)
	}
	ts.waitTotal(t, f.Action, f.Door, before+1)
	wkWaitOutbox(wk)
	if got := ts.presentTotal(t, f.Action, f.Door); got != before+1 {
		t.Errorf("turnout after 20 decodes of the same badge = %d, want %d", got, before+1)
	}
	native := wkEval[bool](wk, `'BarcodeDetector' in window`)
	kind := wkEval[string](wk, `window.presenteScanner.camera.detector.kind`)
	state := wkEval[string](wk, `document.getElementById('cam-state').dataset.state`)
	t.Logf("WebKit: BarcodeDetector in window %v, decoder %s, camera %s", native, kind, state)
	if kind != "wasm" {
		t.Errorf("decoder = %s, want wasm: the polyfill WebKit uses", kind)
	}
}
