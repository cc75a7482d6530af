//go:build linux

package server

import (
	"regexp"
	"strings"
	"testing"
)

// TestWebKitDoorUndoNamesWhatItUndoes is TestDoorUndoNamesWhatItUndoes in
// WebKit: after a green check-in the main screen's undo button names the
// leader and the time, in a neutral colour; after a red answer (an unknown
// badge) or an amber one (a repeat) that button no longer undoes the
// earlier check-in: tapping it leaves the leader counted.
func TestWebKitDoorUndoNamesWhatItUndoes(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	wk := newWebKit(t)
	wkOpenDoor(wk, ts.URL, f.Door)
	wk.resize(390, 844)
	before := ts.presentTotal(t, f.Action, f.Door)
	code := f.Codes["Iglesia San José"][0]

	wkDoorScan(wk, code, "ok")
	wkDismissAnswer(wk)
	ts.waitTotal(t, f.Action, f.Door, before+1)
	label := wk.text("#undo")
	if !strings.HasPrefix(label, "Anular: Líder 1 de Iglesia San José · ") || !regexp.MustCompile(`· \d{1,2}:\d{2}$`).MatchString(label) {
		t.Errorf("undo button says %q; want \"Anular: Líder 1 de Iglesia San José · h:mm\"", label)
	}
	if !wkEval[bool](wk, neutralColour) {
		t.Errorf("the undo button is coloured like an answer; want a neutral colour")
	}
	wk.screenshot("green-then-undo-390")

	for _, c := range []struct{ code, kind string }{
		{"ZZZZZZZZZZZZZZZZ", "bad"}, // a badge no one has
		{code, "warn"},              // the same leader again
	} {
		wkDoorScan(wk, c.code, c.kind)
		wkDismissAnswer(wk)
		wk.screenshot("after-" + c.kind + "-390")
		if label := wk.text("#undo"); strings.Contains(label, "Líder 1") {
			t.Errorf("after a %s answer the undo button still offers %q", c.kind, label)
		}
		wk.click("#undo")
		wkSettle(wk)
		if got := ts.presentTotal(t, f.Action, f.Door); got != before+1 {
			t.Fatalf("after a %s answer and a tap on undo the turnout is %d, want %d: the earlier check-in was undone", c.kind, got, before+1)
		}
	}
	if n := checkinsOf(t, ts, f.Action, code); n != 1 {
		t.Errorf("leader has %d check-ins in force, want 1", n)
	}
}

// TestWebKitDoorHeadcountUndoNeedsSecondTap is
// TestDoorHeadcountUndoNeedsSecondTap in WebKit: a bus counted at the door
// is not wiped by one tap, neither on the answer nor on the main screen;
// the second tap, on a button that says what it will undo, does it.
func TestWebKitDoorHeadcountUndoNeedsSecondTap(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	wk := newWebKit(t)
	wkOpenDoor(wk, ts.URL, f.Door)
	wk.resize(390, 844)
	before := ts.presentTotal(t, f.Action, f.Door)
	count := func(t *testing.T) {
		t.Helper()
		wk := wk.in(t)
		wk.click("#btn-headcount")
		wk.sendKeys("#headcount-picker .picker-input", "sindicato")
		wk.click("#headcount-picker .pick")
		wk.sendKeys("#headcount-count", "38")
		wk.click("#headcount-submit")
		wk.wait("the headcount's answer", answerShowing("ok"))
		ts.waitTotal(t, f.Action, f.Door, before+38)
	}

	t.Run("on the answer", func(t *testing.T) {
		wk := wk.in(t)
		count(t)
		wk.click("#answer-undo")
		wkSettle(wk)
		if got := ts.presentTotal(t, f.Action, f.Door); got != before+38 {
			t.Fatalf("one tap undid the headcount: turnout %d, want %d", got, before+38)
		}
		if label := wk.text("#answer-undo"); !strings.Contains(label, "38") {
			t.Errorf("the armed undo on the answer says %q; want it to name the 38 people", label)
		}
		wk.screenshot("armed-answer-390")
		wk.click("#answer-undo")
		ts.waitTotal(t, f.Action, f.Door, before)
		wkDismissAnswer(wk)
	})

	t.Run("on the main screen", func(t *testing.T) {
		wk := wk.in(t)
		count(t)
		wkDismissAnswer(wk)
		if label := wk.text("#undo"); !strings.Contains(label, "38") || !strings.Contains(label, "Sindicato Local 12") {
			t.Errorf("undo button says %q; want the headcount it undoes", label)
		}
		wk.click("#undo")
		wkSettle(wk)
		if got := ts.presentTotal(t, f.Action, f.Door); got != before+38 {
			t.Fatalf("one tap undid the headcount: turnout %d, want %d", got, before+38)
		}
		if label := wk.text("#undo"); !strings.Contains(label, "¿Seguro?") {
			t.Errorf("armed undo button says %q; want it to ask", label)
		}
		wk.screenshot("armed-main-390")
		wk.click("#undo")
		ts.waitTotal(t, f.Action, f.Door, before)
	})
}
