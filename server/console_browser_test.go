package server

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"presente/server/store"
)

// TestConsoleBrowserPagesWork walks through every console page as an
// organizer would: each renders its data, the paper form checks a leader in
// from the keyboard alone, and the language switch turns a page to English.
func TestConsoleBrowserPagesWork(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	c := signInConsole(t, ts, f)
	seedTurnout(t, ts, f, c)
	ctx := newBrowser(t)
	consoleSignInBrowser(t, ctx, ts, f)
	saveShot(t, ctx, "home")
	pages := []struct{ path, ready string }{
		{"/console/roster.html", "#leaders tr"},
		{fmt.Sprintf("/console/action.html?id=%d", f.Action), "#commitments input"},
		{fmt.Sprintf("/console/report.html?id=%d", f.Action), "#report-body tr.total"},
		{"/console/history.html", "#chart svg.chart"},
	}
	for _, p := range pages {
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+p.path), chromedp.WaitVisible(chromedp.CSS(p.ready))); err != nil {
			t.Fatalf("%s: %v", p.path, err)
		}
		saveShot(t, ctx, strings.TrimSuffix(strings.Split(p.path[9:], "?")[0], ".html"))
	}
	total, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#history-body tr.total")))
	if !strings.Contains(total, "56 de 18") {
		t.Errorf("history total row %q, want 56 of 18 at the action", total)
	}
	checkPaperEntry(t, ctx, ts, f)
	err := chromedp.Do(ctx, chromedp.Navigate(fmt.Sprintf("%s/console/report.html?id=%d", ts.URL, f.Action)),
		chromedp.WaitVisible(chromedp.CSS("#report-body tr.total")), chromedp.Click(chromedp.CSS(".tools button")))
	if err != nil {
		t.Fatal(err)
	}
	waitPage(t, ctx, `document.querySelector('#report thead').innerText.includes('Committed')`, "the English report")
	saveShot(t, ctx, "report-en")
}

// checkPaperEntry types part of a name on the paper page and presses Enter.
func checkPaperEntry(t *testing.T, ctx context.Context, ts *testServer, f fixture) {
	t.Helper()
	err := chromedp.Do(ctx, chromedp.Navigate(fmt.Sprintf("%s/console/paper.html?id=%d", ts.URL, f.Action)),
		chromedp.WaitVisible(chromedp.CSS("#search")),
		chromedp.SendKeys(chromedp.CSS("#search"), "lider 5 jose"),
		chromedp.WaitVisible(chromedp.CSS(`#matches li[aria-selected="true"]`)))
	if err != nil {
		t.Fatalf("paper search: %v", err)
	}
	saveShot(t, ctx, "paper-search")
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#search"), kb.Enter)); err != nil {
		t.Fatal(err)
	}
	waitPage(t, ctx, `document.querySelectorAll('#added li').length === 1`, "the leader in the list of checked in")
	saveShot(t, ctx, "paper-added")
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

// TestConsoleBrowserCommitmentsAndPurge: quick entry of commitments from the
// keyboard, then purging the action's personal data from its page.
func TestConsoleBrowserCommitmentsAndPurge(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	c := signInConsole(t, ts, f)
	seedTurnout(t, ts, f, c)
	ctx := newBrowser(t)
	consoleSignInBrowser(t, ctx, ts, f)
	first := `#commitments input[data-institution="` + fmt.Sprint(f.Institutions["Centro El Puente"]) + `"]`
	err := chromedp.Do(ctx, chromedp.Navigate(fmt.Sprintf("%s/console/action.html?id=%d", ts.URL, f.Action)),
		chromedp.WaitVisible(chromedp.CSS(first)),
		chromedp.Focus(chromedp.CSS(first)),
		chromedp.Evaluate[chromedp.Void](`document.activeElement.select()`),
		chromedp.SendKeys(chromedp.CSS(first), "12"+kb.Enter),
		chromedp.Evaluate[chromedp.Void](`document.activeElement.select()`))
	if err != nil {
		t.Fatal(err)
	}
	// Enter moved to the next institution: type its number without clicking.
	if err := chromedp.Do(ctx, chromedp.KeyEvent("9"), chromedp.Click(chromedp.CSS("#commit-save"))); err != nil {
		t.Fatal(err)
	}
	waitPage(t, ctx, `!document.querySelector('#commit-msg').classList.contains('hidden')`, "the commitments saved")
	if snap, _ := ts.tally.Snapshot(f.Action); snap.Committed != 12+9+6 {
		t.Errorf("committed after quick entry: %d, want 27", snap.Committed)
	}
	err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#purge")),
		chromedp.WaitVisible(chromedp.CSS("#purge-error")),
		chromedp.Click(chromedp.CSS("#purge-ok")), chromedp.Click(chromedp.CSS("#purge")),
		chromedp.WaitVisible(chromedp.CSS("#purged")))
	if err != nil {
		t.Fatalf("purge: %v", err)
	}
	saveShot(t, ctx, "action-purged")
	if at, _ := ts.Store().PurgedAt(context.Background(), f.Action); at == nil {
		t.Error("the action was not purged")
	}
}

// TestConsoleBrowserHeadcountMax: the action page shows the largest group
// headcount a door may record alone, and saving a new one changes it.
func TestConsoleBrowserHeadcountMax(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ctx := newBrowser(t)
	consoleSignInBrowser(t, ctx, ts, f)
	field := `#action-form input[name="headcount_max"]`
	err := chromedp.Do(ctx, chromedp.Navigate(fmt.Sprintf("%s/console/action.html?id=%d", ts.URL, f.Action)),
		chromedp.WaitVisible(chromedp.CSS(field)))
	if err != nil {
		t.Fatal(err)
	}
	waitPage(t, ctx, `document.querySelector('`+field+`').value === '200'`, "the default limit in the form")
	err = chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(field)),
		chromedp.Evaluate[chromedp.Void](`document.activeElement.select()`),
		chromedp.SendKeys(chromedp.CSS(field), "350"),
		chromedp.Click(chromedp.CSS(`#action-form button[type="submit"]`)))
	if err != nil {
		t.Fatal(err)
	}
	waitPage(t, ctx, `!document.querySelector('#action-msg').classList.contains('hidden')`, "the action saved")
	a, err := ts.Store().Action(context.Background(), f.Action)
	if err != nil {
		t.Fatal(err)
	}
	if a.HeadcountMax != 350 {
		t.Errorf("headcount_max after saving = %d, want 350", a.HeadcountMax)
	}
	saveShot(t, ctx, "action-headcount-max")
}

// TestConsoleBrowserRosterEdit: find a leader as you type, fix their phone
// in the edit dialog.
func TestConsoleBrowserRosterEdit(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ctx := newBrowser(t)
	consoleSignInBrowser(t, ctx, ts, f)
	err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/console/roster.html"),
		chromedp.WaitVisible(chromedp.CSS("#leaders tr")),
		chromedp.SendKeys(chromedp.CSS("#q"), "lider 3 puente"))
	if err != nil {
		t.Fatal(err)
	}
	waitPage(t, ctx, `document.querySelectorAll('#leaders tr').length === 1`, "one leader found")
	err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#leaders tr button")),
		chromedp.WaitVisible(chromedp.CSS("#leader-dialog")),
		chromedp.SendKeys(chromedp.CSS(`#leader-form input[name="phone"]`), "919-555-0177"))
	if err != nil {
		t.Fatal(err)
	}
	saveShot(t, ctx, "roster-edit")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#leader-form button[type="submit"]`))); err != nil {
		t.Fatal(err)
	}
	waitPage(t, ctx, `!document.querySelector('#leader-dialog').open &&
		document.querySelector('#leaders').innerText.includes('919-555-0177')`, "the dialog closed and the phone shown")
	leaders, _, _ := ts.Store().Leaders(context.Background(), store.LeaderFilter{Query: "lider 3 puente"})
	if len(leaders) != 1 || leaders[0].Phone != "919-555-0177" {
		t.Errorf("after the edit: %+v", leaders)
	}
}
