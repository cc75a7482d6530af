package server

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestHostileBrowserPages opens every page over a roster of hostile names
// (markup, an <img onerror>, bidi overrides, zero-width characters, 10,000
// characters) in one browser: no dialog opens, no element or script is made
// from data, the policy refuses nothing, and the names read as typed.
func TestHostileBrowserPages(t *testing.T) {
	start := time.Now()
	w := seedHostile(t)
	ctx := newBrowser(t)
	consoleTail(t, ctx)
	g := watchHostile(t, ctx)
	if !t.Run("the guard sees an injection", func(t *testing.T) { guardSelfTest(t, ctx, g, w) }) {
		t.FailNow()
	}
	consoleSignInBrowser(t, ctx, w.ts, fixture{Organizer: w.org, Password: w.password})
	t.Run("console", func(t *testing.T) { consolePages(t, ctx, g, w) })
	t.Run("import preview", func(t *testing.T) { importPreview(t, ctx, g, w) })
	t.Run("paper entry", func(t *testing.T) { paperEntry(t, ctx, g, w) })
	t.Run("pairing doors", func(t *testing.T) { pairingDoors(t, ctx, g, w) })
	t.Run("live view", func(t *testing.T) { liveView(t, ctx, g, w) })
	t.Run("projector", func(t *testing.T) { projector(t, ctx, g, w) })
	t.Run("scanner", func(t *testing.T) { hostileScanner(t, ctx, g, w) })
	t.Logf("every page checked in %s", time.Since(start).Round(time.Millisecond))
}

// guardSelfTest injects what the pages must never make, through DevTools,
// and checks the guard and the DOM report see each: a test that cannot fail
// proves nothing.
func guardSelfTest(t *testing.T, ctx context.Context, g *hostileGuard, w hostileWorld) {
	w.open(t, ctx, "/console/")
	steps(t, ctx, chromedp.WaitVisible(chromedp.CSS("#signin-form")), chromedp.Evaluate[chromedp.Void](
		`document.body.insertAdjacentHTML('beforeend', '<b>bold</b><img src=x onerror=alert(1)><i>10k</i><script src="/evil.js"></script>');
		setTimeout(() => alert('guard self-test'), 0)`))
	var seen []string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline) && len(seen) < 3; time.Sleep(100 * time.Millisecond) {
		seen = append(seen, g.take()...)
	}
	all := strings.Join(seen, "\n")
	for _, want := range []string{"dialog opened", "<img src=x>", "policy refused"} {
		if !strings.Contains(all, want) {
			t.Errorf("the guard missed what it watches for (%q); it saw:\n%s", want, all)
		}
	}
	r := readDOM(t, ctx, "body")
	if r.Bold != 1 || r.Images != 1 || r.Italic != 1 || len(r.OnAttrs) != 1 || len(r.Scripts) != 2 {
		t.Errorf("the DOM report missed an injected element: %+v", r)
	}
	bidiSelfTest(t, ctx)
	w.open(t, ctx, "/console/")
	g.take()
}

// pairingDoors opens the organizers' doors page.
func pairingDoors(t *testing.T, ctx context.Context, g *hostileGuard, w hostileWorld) {
	w.open(t, ctx, "/pair/doors.html")
	checkHostilePage(t, ctx, g, w.ts.URL, "/pair/doors.html",
		hostileSpot{"#door-list", []string{hBold + " " + hImg, "@Puerta sur", hLongStart}},
		hostileSpot{"#action", []string{hActionName, "=1+1 " + hImg}})
	saveScreen(t, ctx, "doors")
}

// liveView opens the organizers' live view of the action.
func liveView(t *testing.T, ctx context.Context, g *hostileGuard, w hostileWorld) {
	path := fmt.Sprintf("/live/?action=%d", w.action)
	w.open(t, ctx, path)
	checkHostilePage(t, ctx, g, w.ts.URL, path,
		hostileSpot{"#action-name", []string{hActionName}},
		hostileSpot{"#institutions", append(hInsts, hLongStart)},
		hostileSpot{"#chapters", append(hChapters, hLongStart)},
		hostileSpot{"#doors", []string{hBold + " " + hImg, "@Puerta sur", hLongStart}})
	saveScreen(t, ctx, "live")
}

// projector opens the projector's dashboard as the hall's display does,
// shows an arrival at a hostile institution, then reads every screen of the
// credentials roll call.
func projector(t *testing.T, ctx context.Context, g *hostileGuard, w hostileWorld) {
	path := "/projector/"
	steps(t, ctx, chromedp.EmulateViewport(1280, 720), chromedp.Navigate(w.ts.URL+path+"#token="+w.display))
	defer steps(t, ctx, chromedp.EmulateReset())
	checkHostilePage(t, ctx, g, w.ts.URL, path,
		hostileSpot{"#action-name", []string{hActionName}},
		hostileSpot{"#chapters", append(hChapters, hLongStart)})
	w.ts.checkIn(t, w.action, w.door, w.codes[hZW])
	checkHostilePage(t, ctx, g, w.ts.URL, path, hostileSpot{"#recent", []string{hInsts[3]}})
	saveScreen(t, ctx, "projector")

	steps(t, ctx, chromedp.KeyEvent("c"))
	waitPage(t, ctx, `document.querySelectorAll('#creds-rows td.name').length > 0`, "the roll call")
	screens := pageEval[string](t, ctx, `document.getElementById('creds-page').textContent`)
	var n, of int
	fmt.Sscanf(screens, "%d / %d", &n, &of)
	var text strings.Builder
	for i := 0; i < max(of, 1); i++ {
		if i > 0 {
			steps(t, ctx, chromedp.KeyEvent(kb.PageDown))
			waitPage(t, ctx, fmt.Sprintf(`document.getElementById('creds-page').textContent.startsWith('%d ')`, i+1), "the next screen")
		}
		checkHostilePage(t, ctx, g, w.ts.URL, path)
		text.WriteString(readDOM(t, ctx, "#credentials").Text)
		saveScreen(t, ctx, fmt.Sprintf("credentials-%d", i+1))
	}
	for _, want := range append(append(hInsts, hChapters...), hLongStart) {
		if !strings.Contains(text.String(), want) {
			t.Errorf("the roll call's %d screens never show %q", of, want)
		}
	}
}

// bidiSelfTest shows the bidi check a name that runs on into the text after
// it, and the same name isolated twice (FSI…PDI, <bdi>): it must find the
// first and only the first.
func bidiSelfTest(t *testing.T, ctx context.Context) {
	steps(t, ctx, chromedp.Evaluate[chromedp.Void](`((n) => {
		const p = (id, ...kids) => { const e = document.createElement('p'); e.id = id; e.append(...kids); document.body.append(e); };
		const bdi = document.createElement('bdi');
		bdi.textContent = n;
		p('bidi-leak', n + ' (tail)');
		p('bidi-fsi', '\u2068' + n + '\u2069 (tail)');
		p('bidi-bdi', bdi, ' (tail)');
	})(`+jsString(hRTLNames[0])+`)`))
	leaks, err := bidiLeaks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(leaks) != 1 || !strings.Contains(leaks[0], "p#bidi-leak") {
		t.Errorf("the bidi check found %q; want only p#bidi-leak", leaks)
	}
}
