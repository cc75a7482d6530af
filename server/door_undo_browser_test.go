package server

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// neutralColour is true for a grey: no red, amber or green that reads as an answer.
const neutralColour = `((el) => {
	const rgb = (c) => (c.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
	const s = getComputedStyle(el);
	return [s.backgroundColor, s.color].every((c) => { const [r, g, b] = rgb(c); return Math.max(r, g, b) - Math.min(r, g, b) < 40; });
})(document.getElementById('undo'))`

// TestDoorUndoNamesWhatItUndoes: after a green check-in the main screen's
// undo button names the leader and the time, in a neutral colour. After a
// red answer (an unknown badge) or an amber one (a repeat), that button no
// longer undoes the earlier check-in: tapping it leaves the leader counted.
func TestDoorUndoNamesWhatItUndoes(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ctx := newPhone(t)
	openDoor(t, ctx, ts.URL, f.Door)
	atWidth(t, ctx, 390)
	before := ts.presentTotal(t, f.Action, f.Door)
	code := f.Codes["Iglesia San José"][0]

	doorScan(t, ctx, code, "ok")
	dismissAnswer(t, ctx)
	ts.waitTotal(t, f.Action, f.Door, before+1)
	label := textOf(t, ctx, "#undo")
	if !strings.HasPrefix(label, "Anular: Líder 1 de Iglesia San José · ") || !regexp.MustCompile(`· \d{1,2}:\d{2}$`).MatchString(label) {
		t.Errorf("undo button says %q; want \"Anular: Líder 1 de Iglesia San José · h:mm\"", label)
	}
	if !pageEval[bool](t, ctx, neutralColour) {
		t.Errorf("the undo button is coloured like an answer; want a neutral colour")
	}
	saveShot(t, ctx, "green-then-undo-390")

	for _, c := range []struct{ code, kind string }{
		{"ZZZZZZZZZZZZZZZZ", "bad"}, // a badge no one has
		{code, "warn"},              // the same leader again
	} {
		doorScan(t, ctx, c.code, c.kind)
		dismissAnswer(t, ctx)
		saveShot(t, ctx, "after-"+c.kind+"-390")
		if label := textOf(t, ctx, "#undo"); strings.Contains(label, "Líder 1") {
			t.Errorf("after a %s answer the undo button still offers %q", c.kind, label)
		}
		steps(t, ctx, chromedp.Click(chromedp.ID("undo")))
		settle(t, ctx)
		if got := ts.presentTotal(t, f.Action, f.Door); got != before+1 {
			t.Fatalf("after a %s answer and a tap on undo the turnout is %d, want %d: the earlier check-in was undone", c.kind, got, before+1)
		}
	}
	if n := checkinsOf(t, ts, f.Action, code); n != 1 {
		t.Errorf("leader has %d check-ins in force, want 1", n)
	}
}

// TestDoorHeadcountUndoNeedsSecondTap: a bus counted at the door is not
// wiped by one tap, neither on the answer nor on the main screen; the second
// tap, on a button that says what it will undo, does it.
func TestDoorHeadcountUndoNeedsSecondTap(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ctx := newPhone(t)
	openDoor(t, ctx, ts.URL, f.Door)
	atWidth(t, ctx, 390)
	before := ts.presentTotal(t, f.Action, f.Door)
	count := func(t *testing.T) {
		t.Helper()
		steps(t, ctx, chromedp.Click(chromedp.ID("btn-headcount")),
			chromedp.SendKeys(chromedp.CSS("#headcount-picker .picker-input"), "sindicato"),
			chromedp.Click(chromedp.CSS("#headcount-picker .pick")),
			chromedp.SendKeys(chromedp.ID("headcount-count"), "38"),
			chromedp.Click(chromedp.ID("headcount-submit")))
		waitPage(t, ctx, answerShowing("ok"), "the headcount's answer")
		ts.waitTotal(t, f.Action, f.Door, before+38)
	}

	t.Run("on the answer", func(t *testing.T) {
		count(t)
		steps(t, ctx, chromedp.Click(chromedp.ID("answer-undo")))
		settle(t, ctx)
		if got := ts.presentTotal(t, f.Action, f.Door); got != before+38 {
			t.Fatalf("one tap undid the headcount: turnout %d, want %d", got, before+38)
		}
		if label := textOf(t, ctx, "#answer-undo"); !strings.Contains(label, "38") {
			t.Errorf("the armed undo on the answer says %q; want it to name the 38 people", label)
		}
		saveShot(t, ctx, "armed-answer-390")
		steps(t, ctx, chromedp.Click(chromedp.ID("answer-undo")))
		ts.waitTotal(t, f.Action, f.Door, before)
		dismissAnswer(t, ctx)
	})

	t.Run("on the main screen", func(t *testing.T) {
		count(t)
		dismissAnswer(t, ctx)
		if label := textOf(t, ctx, "#undo"); !strings.Contains(label, "38") || !strings.Contains(label, "Sindicato Local 12") {
			t.Errorf("undo button says %q; want the headcount it undoes", label)
		}
		steps(t, ctx, chromedp.Click(chromedp.ID("undo")))
		settle(t, ctx)
		if got := ts.presentTotal(t, f.Action, f.Door); got != before+38 {
			t.Fatalf("one tap undid the headcount: turnout %d, want %d", got, before+38)
		}
		if label := textOf(t, ctx, "#undo"); !strings.Contains(label, "¿Seguro?") {
			t.Errorf("armed undo button says %q; want it to ask", label)
		}
		saveShot(t, ctx, "armed-main-390")
		steps(t, ctx, chromedp.Click(chromedp.ID("undo")))
		ts.waitTotal(t, f.Action, f.Door, before)
	})
}
