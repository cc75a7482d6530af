package server

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/security"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestScannerBrowserReloadOffline is the path where a door survives a
// reload: an origin the browser trusts, where the scanner's service worker
// registers. Here that is this machine's own plain HTTP address (browsers
// treat 127.0.0.1 as secure, as they treat a certificate the phone trusts);
// on Presente's self-signed certificate see the next test. The scanner is
// reloaded with the server stopped and comes back working, with its roster;
// a scan queues, and once the server returns it is counted once.
func TestScannerBrowserReloadOffline(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ctx := newPhone(t)
	openScanner(t, ctx, ts.URL, f.Door)
	waitKeptOffline(t, ctx)
	before := ts.presentTotal(t, f.Action, f.Door)
	ts.stop(t)

	pageEval[bool](t, ctx, `window.beforeReload = true`)
	steps(t, ctx, chromedp.Reload())
	waitPage(t, ctx, `location.pathname === '/door/' && !window.beforeReload && window.presenteScanner && window.presenteScanner.roster.size > 0 && window.presenteScanner.live`,
		"the reloaded scanner with its roster")
	waitPage(t, ctx, `document.getElementById('net').dataset.online === 'false'`, "the phone to say it is offline")
	code := f.Codes["Iglesia San José"][0]
	steps(t, ctx, chromedp.SendKeys(chromedp.ID("code"), code+kb.Enter))
	waitPage(t, ctx, `document.getElementById('answer').dataset.kind === 'ok'`, "a green answer from the roster after the reload")
	steps(t, ctx, chromedp.Click(chromedp.ID("answer")))
	waitPage(t, ctx, `document.getElementById('unsent').dataset.count === '1'`, "the scan to wait in the queue")
	if pageEval[bool](t, ctx, `!document.getElementById('reload-warning').classList.contains('hidden')`) {
		t.Errorf("the reload warning shows where a reload is safe")
	}
	saveShot(t, ctx, "reloaded-offline")

	back := restartServer(t, ts, nil)
	back.waitTotal(t, f.Action, f.Door, before+1)
	waitPage(t, ctx, `document.getElementById('unsent').dataset.count === '0'`, "the queue to drain")
	if n := checkinsOf(t, back, f.Action, code); n != 1 {
		t.Errorf("the scan made after the reload is counted %d times, want once", n)
	}
	if got := back.presentTotal(t, f.Action, f.Door); got != before+1 {
		t.Errorf("turnout %d after the queue drained, want %d", got, before+1)
	}
}

// TestScannerBrowserSelfSignedGuardsReload is the path where a reload
// cannot come back: Presente's self-signed certificate, accepted on the
// phone after its warning. Chromium then refuses the service worker, so the
// scanner stops pull-to-refresh, asks before leaving while scans are
// unsent, and says offline what to do.
func TestScannerBrowserSelfSignedGuardsReload(t *testing.T) {
	s := serveTLSAndPlain(t)
	f := s.seed(t)
	ctx := newPhone(t)
	// As a phone that tapped through the certificate warning: the page
	// loads, and the certificate error stays on the origin.
	if _, err := chromedp.Call(ctx, security.SetIgnoreCertificateErrors, security.SetIgnoreCertificateErrorsParams{Ignore: true}); err != nil {
		t.Fatalf("accept the certificate: %v", err)
	}
	openScanner(t, ctx, s.httpsURL, f.Door)
	waitPage(t, ctx, `document.documentElement.dataset.reload === 'unsafe'`, "the scanner to find it cannot keep itself")
	pageEval[bool](t, ctx, `navigator.serviceWorker.register('/door/sw.js').then(() => window.swTry = 'registered', (e) => window.swTry = e.message), true`)
	waitPage(t, ctx, `window.swTry`, "a second registration's outcome")
	if why := pageEval[string](t, ctx, `window.swTry`); !strings.Contains(why, "SSL certificate error") {
		t.Errorf("service worker on a self-signed origin: %q, want Chromium's refusal for the certificate error", why)
	}
	if got := pageEval[string](t, ctx, `getComputedStyle(document.documentElement).overscrollBehaviorY`); got != "none" {
		t.Errorf("overscroll-behavior-y = %q, want none: pull-to-refresh would reload the scanner", got)
	}

	s.stop(t)
	steps(t, ctx, chromedp.SendKeys(chromedp.ID("code"), f.Codes["Iglesia San José"][0]+kb.Enter))
	waitPage(t, ctx, `document.getElementById('answer').dataset.kind === 'ok'`, "a green answer offline")
	steps(t, ctx, chromedp.Click(chromedp.ID("answer")))
	waitPage(t, ctx, `document.getElementById('unsent').dataset.count === '1'`, "the scan to wait in the queue")
	warning := `document.getElementById('reload-warning')`
	waitPage(t, ctx, `!`+warning+`.classList.contains('hidden') && `+warning+`.textContent.includes('No recargue')`, "the warning not to reload")
	saveShot(t, ctx, "guarded-offline")

	if kind := leaveAndStay(t, ctx); kind != page.DialogTypeBeforeunload {
		t.Errorf("leaving with an unsent scan asked %q, want a beforeunload confirmation", kind)
	}
	if !pageEval[bool](t, ctx, `window.stayed === 1 && location.pathname === '/door/'`) {
		t.Errorf("the scanner left although the volunteer chose to stay")
	}
}

// leaveAndStay starts leaving the page, answers "stay" to the confirmation
// it asks, and returns the kind of dialog it was ("" when none came).
func leaveAndStay(t *testing.T, ctx context.Context) page.DialogType {
	t.Helper()
	dialogs := make(chan page.DialogType, 1)
	go func() {
		for ev, err := range chromedp.Events(ctx, page.JavascriptDialogOpening) {
			if err != nil {
				return
			}
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
			dialogs <- ev.Type
			return
		}
	}()
	pageEval[bool](t, ctx, `window.stayed = 1, setTimeout(() => { location.href = '/'; }, 0), true`)
	select {
	case kind := <-dialogs:
		time.Sleep(300 * time.Millisecond) // a navigation let through would have started by now
		return kind
	case <-time.After(10 * time.Second):
		return ""
	}
}
