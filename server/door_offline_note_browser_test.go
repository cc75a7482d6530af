package server

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestDoorFirstOfflineAnswerSaysSaved: online, a green answer says the entry
// was recorded. The server then goes away before the phone has noticed: the
// very first green answer says it is saved on the phone and will be sent,
// never that it was recorded.
func TestDoorFirstOfflineAnswerSaysSaved(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ctx := newPhone(t)
	openDoor(t, ctx, ts.URL, f.Door)
	atWidth(t, ctx, 390)
	codes := f.Codes["Iglesia San José"]

	doorScan(t, ctx, codes[0], "ok")
	if got, ok := waitText(t, ctx, "#answer .answer-note", "Entrada registrada", 2*time.Second); !ok {
		t.Errorf("online green answer says %q; want Entrada registrada", got)
	}
	dismissAnswer(t, ctx)
	waitDrained(t, ctx)

	ts.stop(t)
	if online := pageEval[string](t, ctx, `document.getElementById('net').dataset.online`); online != "true" {
		t.Fatalf("the phone noticed the server was gone before the scan (online=%s): the test proves nothing", online)
	}
	doorScan(t, ctx, codes[1], "ok")
	saw := pageEval[string](t, ctx, `document.querySelector('#answer .answer-note').textContent`)
	got, ok := waitText(t, ctx, "#answer .answer-note", "Guardado en el teléfono", 2*time.Second)
	if !ok {
		t.Errorf("first green answer offline says %q; want that it is saved on the phone and will be sent", got)
	}
	if strings.Contains(saw, "registrada") || !strings.Contains(got, "se enviará") {
		t.Errorf("first green answer offline said %q, then %q; it must never claim the entry was recorded", saw, got)
	}
	saveShot(t, ctx, "first-offline-390")
}

// TestDoorCameraButtonSaysWhatItDoes: while the camera runs, its button
// says it turns it off, in Spanish and English; once off, that it turns it on.
func TestDoorCameraButtonSaysWhatItDoes(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ctx := newPhone(t, chromedp.Flag("use-fake-device-for-media-stream", true),
		chromedp.Flag("use-fake-ui-for-media-stream", true))
	openDoor(t, ctx, ts.URL, f.Door)
	waitPage(t, ctx, `document.getElementById('cam-state').dataset.state === 'running'`, "the camera to run")
	if got := textOf(t, ctx, "#cam-toggle"); got != "Apagar cámara" {
		t.Errorf("Spanish camera button says %q while it runs, want Apagar cámara", got)
	}
	steps(t, ctx, chromedp.Click(chromedp.ID("lang")))
	if got := textOf(t, ctx, "#cam-toggle"); got != "Turn camera off" {
		t.Errorf("English camera button says %q while it runs, want Turn camera off", got)
	}
	steps(t, ctx, chromedp.Click(chromedp.ID("cam-toggle")))
	waitPage(t, ctx, `document.getElementById('cam-state').dataset.state === 'off'`, "the camera to stop")
	if got := textOf(t, ctx, "#cam-toggle"); got != "Turn camera on" {
		t.Errorf("English camera button says %q once off, want Turn camera on", got)
	}
}
