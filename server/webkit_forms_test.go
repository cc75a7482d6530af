//go:build linux

package server

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"presente/server/store"
)

// TestWebKitScannerSearchWalkInHeadcount is
// TestScannerBrowserSearchWalkInHeadcount in WebKit: a leader without a
// badge is found by name with and without accents and checked in; a
// walk-in is added to an institution found by typing; a bus is counted and
// undone with a second tap; a check-in is undone from the main screen.
func TestWebKitScannerSearchWalkInHeadcount(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	wk := newWebKit(t)
	wkOpenDoor(wk, ts.URL, f.Door)
	wk.resize(390, 844)
	total := ts.presentTotal(t, f.Action, f.Door)

	t.Run("search", func(t *testing.T) {
		wk := wk.in(t)
		for _, q := range []string{"lider 2 de iglesia san jose", "Líder 3 de Iglesia San José", "JOSE 4"} {
			wk.click("#btn-search")
			wk.sendKeys("#search-input", q)
			wk.wait("results for "+q, `document.querySelectorAll('#search-results .leader').length > 0`)
			first := wkEval[string](wk, `document.querySelector('#search-results .leader span').textContent`)
			if !strings.Contains(first, "Iglesia San José") {
				t.Errorf("search %q found %q first", q, first)
			}
			wk.screenshot("search")
			wk.click("#search-results .leader")
			wk.wait("a green answer", `document.getElementById('answer').dataset.kind === 'ok'`)
			wk.click("#answer")
		}
		total += 3
		ts.waitTotal(t, f.Action, f.Door, total)
	})

	t.Run("walk-in", func(t *testing.T) {
		wk := wk.in(t)
		wk.click("#btn-walkin")
		wk.sendKeys("#walkin-name", "María Pérez")
		wk.sendKeys("#walkin-picker .picker-input", "puente")
		wk.click("#walkin-picker .pick")
		wk.screenshot("walkin")
		wk.click("#walkin-submit")
		wk.wait("a green answer", `document.getElementById('answer').dataset.kind === 'ok'`)
		total++
		ts.waitTotal(t, f.Action, f.Door, total)
		_, body := ts.call(t, "GET", fmt.Sprintf("/api/actions/%d/roster", f.Action), f.Door, nil)
		if !strings.Contains(string(body), "María Pérez") {
			t.Errorf("the walk-in is not on the roster")
		}
		wk.click("#answer")
	})

	t.Run("headcount and undo", func(t *testing.T) {
		wk := wk.in(t)
		wk.click("#btn-headcount")
		wk.sendKeys("#headcount-picker .picker-input", "sindicato")
		wk.click("#headcount-picker .pick")
		wk.sendKeys("#headcount-count", "48")
		wk.sendKeys("#headcount-note", "el autobús de San José")
		label := wkEval[string](wk, `document.getElementById('headcount-submit').textContent`)
		if !strings.Contains(label, "48") || !strings.Contains(label, "Sindicato") {
			t.Errorf("confirm button says %q; want the number and the institution", label)
		}
		wk.screenshot("headcount")
		wk.click("#headcount-submit")
		ts.waitTotal(t, f.Action, f.Door, total+48)
		wk.click("#answer-undo")
		wk.click("#answer-undo")
		ts.waitTotal(t, f.Action, f.Door, total)
	})

	t.Run("a walk-in already on the roster is offered as that person", func(t *testing.T) {
		wk := wk.in(t)
		wk.click("#btn-walkin")
		wk.sendKeys("#walkin-name", "lider 1 de sindicato")
		wk.wait("the roster's match", `document.getElementById('walkin-matches').textContent.includes('Líder 1 de Sindicato Local 12')`)
		wk.screenshot("walkin-match")
		wk.click("#walkin-match-list .leader")
		wk.wait("a green answer", `document.getElementById('answer').dataset.kind === 'ok'`)
		total++
		ts.waitTotal(t, f.Action, f.Door, total)
		wk.click("#answer")
	})

	t.Run("a headcount above the door's limit is refused by the form", func(t *testing.T) {
		wk := wk.in(t)
		wk.click("#btn-headcount")
		wk.sendKeys("#headcount-picker .picker-input", "sindicato")
		wk.click("#headcount-picker .pick")
		wk.sendKeys("#headcount-count", "250")
		wk.wait("the limit said", `!document.getElementById('headcount-limit').classList.contains('hidden')`)
		if !wkEval[bool](wk, `document.getElementById('headcount-submit').disabled`) {
			t.Errorf("the submit of a count of 250 is enabled above the limit of 200")
		}
		wk.screenshot("headcount-over-limit")
		wk.click("#headcount-panel .sheet-close")
	})

	t.Run("undo a check-in from the main screen", func(t *testing.T) {
		wk := wk.in(t)
		code := f.Codes["Centro El Puente"][0]
		wk.sendKeys("#code", code+wdEnter)
		wk.wait("the check-in", `document.getElementById('answer').dataset.kind === 'ok'`)
		ts.waitTotal(t, f.Action, f.Door, total+1)
		wk.click("#answer")
		wk.click("#undo")
		ts.waitTotal(t, f.Action, f.Door, total)
		wkWaitOutbox(wk)
	})
}

// TestWebKitDoorFoldsNamesAsTheServer is TestDoorFoldsNamesAsTheServer in
// WebKit, whose own Unicode tables fold the names: the scanner compares
// names with the one folding rule of the server (store.Fold), so
// "Peña, José" finds José Peña-O'Brien as the console would.
func TestWebKitDoorFoldsNamesAsTheServer(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	names := []string{"José Peña-O'Brien", "María  de la Cruz, Jr.", "ÁNGEL Ñúñez (Tito)", "Nguyễn Thị Dũng", "Zoë Ortiz/Ruiz"}
	var nl []store.NewLeader
	for _, n := range names {
		nl = append(nl, store.NewLeader{Name: n, Institution: f.Institutions["Centro El Puente"]})
	}
	refs, err := ts.Store().AddLeaders(context.Background(), nl)
	if err != nil {
		t.Fatalf("AddLeaders: %v", err)
	}
	wk := newWebKit(t)
	wkOpenDoor(wk, ts.URL, f.Door)
	for _, r := range refs {
		got := wkEval[string](wk, `window.presenteScanner.roster.get('`+r.Code+`').key`)
		if want := store.Fold(r.Name); got != want {
			t.Errorf("the door folds %q as %q; the server as %q", r.Name, got, want)
		}
	}
	wk.click("#btn-search")
	wk.sendKeys("#search-input", "Peña, José")
	if got, ok := wk.waitText("#search-results", "José Peña-O'Brien", 5*time.Second); !ok {
		t.Errorf("\"Peña, José\" finds %q; want José Peña-O'Brien", got)
	}
}
