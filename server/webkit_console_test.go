//go:build linux

package server

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestWebKitConsolePagesWork is TestConsoleBrowserPagesWork in WebKit: the
// organizer signs in through the console's own form, each console page
// renders its data, the paper form checks a leader in from the keyboard
// alone, and the language switch turns a page to English.
func TestWebKitConsolePagesWork(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	c := signInConsole(t, ts, f)
	seedTurnout(t, ts, f, c)
	wk := newWebKit(t)
	wkConsoleSignIn(wk, ts, f)
	wk.screenshot("home")
	pages := []struct{ path, ready string }{
		{"/console/roster.html", "#leaders tr"},
		{fmt.Sprintf("/console/action.html?id=%d", f.Action), "#commitments input"},
		{fmt.Sprintf("/console/report.html?id=%d", f.Action), "#report-body tr.total"},
		{"/console/history.html", "#chart svg.chart"},
	}
	for _, p := range pages {
		wk.navigate(ts.URL + p.path)
		wk.waitVisible(p.ready)
		wk.screenshot(strings.TrimSuffix(strings.Split(p.path[9:], "?")[0], ".html"))
	}
	total := wkEval[string](wk, `document.querySelector('#history-body tr.total').innerText`)
	if !strings.Contains(total, "56 de 18") {
		t.Errorf("history total row %q, want 56 of 18 at the action", total)
	}
	wkPaperEntry(t, wk, ts, f)
	wk.navigate(fmt.Sprintf("%s/console/report.html?id=%d", ts.URL, f.Action))
	wk.waitVisible("#report-body tr.total")
	wk.click(".tools button")
	wk.wait("the English report", `document.querySelector('#report thead').innerText.includes('Committed')`)
	wk.screenshot("report-en")
}

// wkConsoleSignIn signs the organizer in through the console's own form, as
// consoleSignInBrowser does.
func wkConsoleSignIn(wk *wkSession, ts *testServer, f fixture) {
	wk.tb.Helper()
	wk.navigate(ts.URL + "/console/")
	wk.waitVisible("#signin-form")
	wk.sendKeys("#name", f.Organizer)
	wk.sendKeys("#password", f.Password)
	wk.click("#signin-button")
	wk.waitVisible("#home")
}

// wkPaperEntry types part of a name on the paper page and presses Enter, as
// checkPaperEntry does.
func wkPaperEntry(t *testing.T, wk *wkSession, ts *testServer, f fixture) {
	t.Helper()
	wk.navigate(fmt.Sprintf("%s/console/paper.html?id=%d", ts.URL, f.Action))
	wk.waitVisible("#search")
	wk.sendKeys("#search", "lider 5 jose")
	wk.waitVisible(`#matches li[aria-selected="true"]`)
	wk.screenshot("paper-search")
	wk.sendKeys("#search", wdEnter)
	wk.wait("the leader in the list of checked in", `document.querySelectorAll('#added li').length === 1`)
	wk.screenshot("paper-added")
	list, err := ts.Store().Attendance(context.Background(), f.Action)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range list {
		if a.Name == "Líder 5 de Iglesia San José" && a.Source == "paper" {
			return
		}
	}
	t.Errorf("Líder 5 was not checked in from paper: %+v", list)
}
