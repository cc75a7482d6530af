package server

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestScannerBrowserSearchWalkInHeadcount: a leader without a badge is found
// by name with and without accents and checked in; a walk-in is added to an
// institution found by typing; a bus is counted and undone with a second tap.
func TestScannerBrowserSearchWalkInHeadcount(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ctx := newPhone(t)
	openScanner(t, ctx, ts.URL, f.Door)
	total := ts.presentTotal(t, f.Action, f.Door)
	drained := `document.getElementById('unsent').dataset.count === '0'`

	t.Run("search", func(t *testing.T) {
		for _, q := range []string{"lider 2 de iglesia san jose", "Líder 3 de Iglesia San José", "JOSE 4"} {
			steps(t, ctx, chromedp.Click(chromedp.ID("btn-search")), chromedp.SendKeys(chromedp.ID("search-input"), q))
			waitPage(t, ctx, `document.querySelectorAll('#search-results .leader').length > 0`, "results for "+q)
			first := pageEval[string](t, ctx, `document.querySelector('#search-results .leader span').textContent`)
			if !strings.Contains(first, "Iglesia San José") {
				t.Errorf("search %q found %q first", q, first)
			}
			saveShot(t, ctx, "search")
			steps(t, ctx, chromedp.Click(chromedp.CSS("#search-results .leader")))
			waitPage(t, ctx, `document.getElementById('answer').dataset.kind === 'ok'`, "a green answer")
			steps(t, ctx, chromedp.Click(chromedp.ID("answer")))
		}
		total += 3
		ts.waitTotal(t, f.Action, f.Door, total)
	})

	t.Run("walk-in", func(t *testing.T) {
		steps(t, ctx, chromedp.Click(chromedp.ID("btn-walkin")),
			chromedp.SendKeys(chromedp.ID("walkin-name"), "María Pérez"),
			chromedp.SendKeys(chromedp.CSS("#walkin-picker .picker-input"), "puente"),
			chromedp.Click(chromedp.CSS("#walkin-picker .pick")))
		saveShot(t, ctx, "walkin")
		steps(t, ctx, chromedp.Click(chromedp.ID("walkin-submit")))
		waitPage(t, ctx, `document.getElementById('answer').dataset.kind === 'ok'`, "a green answer")
		total++
		ts.waitTotal(t, f.Action, f.Door, total)
		_, body := ts.call(t, "GET", fmt.Sprintf("/api/actions/%d/roster", f.Action), f.Door, nil)
		if !strings.Contains(string(body), "María Pérez") {
			t.Errorf("the walk-in is not on the roster")
		}
		steps(t, ctx, chromedp.Click(chromedp.ID("answer")))
	})

	t.Run("headcount and undo", func(t *testing.T) {
		steps(t, ctx, chromedp.Click(chromedp.ID("btn-headcount")),
			chromedp.SendKeys(chromedp.CSS("#headcount-picker .picker-input"), "sindicato"),
			chromedp.Click(chromedp.CSS("#headcount-picker .pick")),
			chromedp.SendKeys(chromedp.ID("headcount-count"), "48"),
			chromedp.SendKeys(chromedp.ID("headcount-note"), "el autobús de San José"))
		label := pageEval[string](t, ctx, `document.getElementById('headcount-submit').textContent`)
		if !strings.Contains(label, "48") || !strings.Contains(label, "Sindicato") {
			t.Errorf("confirm button says %q; want the number and the institution", label)
		}
		saveShot(t, ctx, "headcount")
		steps(t, ctx, chromedp.Click(chromedp.ID("headcount-submit")))
		ts.waitTotal(t, f.Action, f.Door, total+48)
		steps(t, ctx, chromedp.Click(chromedp.ID("answer-undo")), chromedp.Click(chromedp.ID("answer-undo")))
		ts.waitTotal(t, f.Action, f.Door, total)
	})

	t.Run("undo a check-in from the main screen", func(t *testing.T) {
		code := f.Codes["Centro El Puente"][0]
		steps(t, ctx, chromedp.SendKeys(chromedp.ID("code"), code+kb.Enter))
		waitPage(t, ctx, `document.getElementById('answer').dataset.kind === 'ok'`, "the check-in")
		ts.waitTotal(t, f.Action, f.Door, total+1)
		steps(t, ctx, chromedp.Click(chromedp.ID("answer")), chromedp.Click(chromedp.ID("undo")))
		ts.waitTotal(t, f.Action, f.Door, total)
		waitPage(t, ctx, drained, "the outbox to drain")
	})
}
