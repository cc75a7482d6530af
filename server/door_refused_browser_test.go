package server

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"presente/server/store"
)

// TestDoorHeadcountOverLimitInForm: a count above the action's door limit
// (200 by default) is refused by the form itself, before anything is sent
// or any green answer shown, with a sentence that says who records it.
func TestDoorHeadcountOverLimitInForm(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ctx := newPhone(t)
	openDoor(t, ctx, ts.URL, f.Door)
	atWidth(t, ctx, 360)
	steps(t, ctx, chromedp.Click(chromedp.ID("btn-headcount")),
		chromedp.SendKeys(chromedp.CSS("#headcount-picker .picker-input"), "san jose"),
		chromedp.Click(chromedp.CSS("#headcount-picker .pick")),
		chromedp.SendKeys(chromedp.ID("headcount-count"), "250"))
	want := "Un conteo de más de 200 personas lo registra un organizador en la consola."
	if got, ok := waitText(t, ctx, "#headcount-limit", want, 5*time.Second); !ok {
		t.Errorf("headcount form with 250 says %q; want %q", got, want)
	}
	if !pageEval[bool](t, ctx, `document.getElementById('headcount-submit').disabled`) {
		t.Errorf("the submit of a count of 250 is enabled; want it disabled above the limit of 200")
	}
	saveScreen(t, ctx, "over-limit-360")
	steps(t, ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById('headcount-form').requestSubmit()`))
	time.Sleep(300 * time.Millisecond)
	if pageEval[bool](t, ctx, answerShowing("ok")) {
		t.Errorf("a count of 250 submitted anyway shows a green answer")
	}
	clearField(t, ctx, "headcount-count")
	steps(t, ctx, chromedp.SendKeys(chromedp.ID("headcount-count"), "200"))
	if pageEval[bool](t, ctx, `document.getElementById('headcount-submit').disabled || !document.getElementById('headcount-limit').classList.contains('hidden')`) {
		t.Errorf("a count of 200, the limit itself, is refused by the form")
	}
}

// TestDoorRefusedHeadcountStaysRed: a headcount queued offline that the
// server refuses once back (its limit lowered meanwhile) is told in red
// until the volunteer taps it away, naming the count and the institution;
// nothing is recorded and the undo button no longer offers it.
func TestDoorRefusedHeadcountStaysRed(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ctx := newPhone(t)
	openDoor(t, ctx, ts.URL, f.Door)
	atWidth(t, ctx, 360)
	before := ts.presentTotal(t, f.Action, f.Door)
	ts.stop(t)
	steps(t, ctx, chromedp.Click(chromedp.ID("btn-headcount")),
		chromedp.SendKeys(chromedp.CSS("#headcount-picker .picker-input"), "sindicato"),
		chromedp.Click(chromedp.CSS("#headcount-picker .pick")),
		chromedp.SendKeys(chromedp.ID("headcount-count"), "150"),
		chromedp.Click(chromedp.ID("headcount-submit")))
	waitPage(t, ctx, answerShowing("ok"), "the green answer from the phone")
	dismissAnswer(t, ctx)
	ts = restartServer(t, ts, func(s *Server) {
		if _, err := s.store.UpdateAction(context.Background(), store.Action{ID: f.Action, Name: "Asamblea",
			Date: "2026-12-12", Goal: 20, HeadcountMax: 100}); err != nil {
			t.Fatalf("lower the limit: %v", err)
		}
	})
	waitPage(t, ctx, `!document.getElementById('refused').classList.contains('hidden')`, "the refusal in red")
	time.Sleep(7 * time.Second) // longer than any notice stays
	if pageEval[bool](t, ctx, `document.getElementById('refused').classList.contains('hidden')`) {
		t.Fatalf("the refusal went away by itself; it must stay until tapped away")
	}
	got := textOf(t, ctx, "#refused")
	for _, want := range []string{"no registró", "150 personas de Sindicato Local 12", "organizador"} {
		if !strings.Contains(got, want) {
			t.Errorf("refusal says %q; want it to say %q", got, want)
		}
	}
	if pageEval[bool](t, ctx, `!document.getElementById('undo').disabled`) {
		t.Errorf("the undo button still offers the refused headcount")
	}
	saveScreen(t, ctx, "refused-360")
	if total := ts.presentTotal(t, f.Action, f.Door); total != before {
		t.Errorf("turnout %d after the refused headcount, want %d", total, before)
	}
	steps(t, ctx, chromedp.Click(chromedp.ID("refused-ok")))
	waitPage(t, ctx, `document.getElementById('refused').classList.contains('hidden')`, "the refusal tapped away")
}

// TestDoorRefusedWalkInNamesThePerson: a walk-in queued offline that the
// server refuses once back (its institution deleted meanwhile) is told in
// red, naming the person, until tapped away.
func TestDoorRefusedWalkInNamesThePerson(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	inst, err := ts.Store().CreateInstitution(context.Background(), f.Chapters["Raleigh"], "Colectivo Temporal", "")
	if err != nil {
		t.Fatalf("CreateInstitution: %v", err)
	}
	ctx := newPhone(t)
	openDoor(t, ctx, ts.URL, f.Door)
	atWidth(t, ctx, 360)
	ts.stop(t)
	steps(t, ctx, chromedp.Click(chromedp.ID("btn-walkin")),
		chromedp.SendKeys(chromedp.ID("walkin-name"), "Pedro Nuevo"),
		chromedp.SendKeys(chromedp.CSS("#walkin-picker .picker-input"), "temporal"),
		chromedp.Click(chromedp.CSS("#walkin-picker .pick")),
		chromedp.Click(chromedp.ID("walkin-submit")))
	waitPage(t, ctx, answerShowing("ok"), "the green answer from the phone")
	dismissAnswer(t, ctx)
	restartServer(t, ts, func(s *Server) {
		if err := s.store.DeleteInstitution(context.Background(), inst.ID); err != nil {
			t.Fatalf("DeleteInstitution: %v", err)
		}
	})
	waitPage(t, ctx, `!document.getElementById('refused').classList.contains('hidden')`, "the refusal in red")
	if got := textOf(t, ctx, "#refused"); !strings.Contains(got, "Pedro Nuevo (sin gafete)") ||
		!strings.Contains(got, "Esa institución ya no existe") {
		t.Errorf("refusal says %q; want it to name Pedro Nuevo and say why", got)
	}
	saveScreen(t, ctx, "refused-walkin-360")
}
