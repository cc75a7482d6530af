package server

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// shownWhole is true when an element's text fits its box and its box fits
// the screen: nothing cut, nothing scrolled away.
const shownWhole = `((el) => {
	const r = el.getBoundingClientRect();
	return el.scrollWidth <= el.clientWidth + 1 && r.left >= 0 && r.right <= document.documentElement.clientWidth + 1;
})(document.querySelector(%q))`

// TestDoorSmallPhones: on a 360 px and a 390 px phone the door's whole name
// shows, and a typed 16-character code (or the same code in the badge's
// groups of four) shows whole in a code field on its own full-width row.
func TestDoorSmallPhones(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	_, token, err := ts.Store().CreateDoor(context.Background(), f.Action, "Puerta norte 2")
	if err != nil {
		t.Fatalf("CreateDoor: %v", err)
	}
	ctx := newPhone(t)
	openDoor(t, ctx, ts.URL, token)
	code := f.Codes["Centro El Puente"][0]
	grouped := code[:4] + " " + code[4:8] + " " + code[8:12] + " " + code[12:]
	for _, width := range []int64{360, 390} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			atWidth(t, ctx, width)
			if name := textOf(t, ctx, "#door-name"); name != "Puerta norte 2" {
				t.Errorf("header names the door %q, want Puerta norte 2", name)
			}
			if !pageEval[bool](t, ctx, fmt.Sprintf(shownWhole, "#door-name")) {
				t.Errorf("the door's name is cut at %d px", width)
			}
			codeRow := pageEval[float64](t, ctx, `document.getElementById('code').getBoundingClientRect().width / document.documentElement.clientWidth`)
			if codeRow < 0.85 {
				t.Errorf("the code field takes %.0f%% of the width at %d px; want a full-width row", codeRow*100, width)
			}
			for _, typed := range []string{code, grouped} {
				clearField(t, ctx, "code")
				steps(t, ctx, chromedp.SendKeys(chromedp.ID("code"), typed))
				if !pageEval[bool](t, ctx, fmt.Sprintf(shownWhole, "#code")) {
					t.Errorf("typed code %q does not show whole at %d px", typed, width)
				}
			}
			saveShot(t, ctx, "scanner-typed")
			clearField(t, ctx, "code")
		})
	}
}

// TestDoorFormsSubmitInView: on a 360×640 phone the walk-in and headcount
// forms keep their submit button on the screen while the volunteer fills
// them in, rather than below the fold where a tired thumb never looks.
func TestDoorFormsSubmitInView(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	_, token, err := ts.Store().CreateDoor(context.Background(), f.Action, "Puerta norte")
	if err != nil {
		t.Fatalf("CreateDoor: %v", err)
	}
	ctx := newPhone(t)
	openDoor(t, ctx, ts.URL, token)
	steps(t, ctx, chromedp.EmulateViewport(360, 640, chromedp.EmulateScale(2), chromedp.EmulateMobile))
	for _, form := range []struct{ open, panel, submit string }{
		{"btn-walkin", "walkin-panel", "walkin-submit"},
		{"btn-headcount", "headcount-panel", "headcount-submit"},
	} {
		steps(t, ctx, chromedp.Click(chromedp.ID(form.open)), chromedp.WaitVisible(chromedp.ID(form.panel)))
		inView := pageEval[bool](t, ctx, fmt.Sprintf(`(() => {
			const r = document.getElementById(%q).getBoundingClientRect();
			return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight + 1;
		})()`, form.submit))
		if !inView {
			t.Errorf("#%s is not on a 360×640 screen with its form open", form.submit)
		}
		saveShot(t, ctx, form.panel)
		steps(t, ctx, chromedp.Click(chromedp.CSS("#"+form.panel+" .sheet-close")), chromedp.WaitNotVisible(chromedp.ID(form.panel)))
	}
}
