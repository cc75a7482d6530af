package server

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"presente/server/store"
)

// percentHall seeds shares that round one way and floor the other: 5 of 8
// (62.5 %), 2 of 3 (66.7 %), 1 of 6 (16.7 %), Durham 7 of 11 (63.6 %).
func percentHall(t *testing.T, ts *testServer, f fixture) {
	t.Helper()
	commit := map[int64]int{f.Institutions["Iglesia San José"]: 8, f.Institutions["Centro El Puente"]: 3,
		f.Institutions["Sindicato Local 12"]: 6}
	if err := ts.Store().SetCommitments(context.Background(), f.Action, commit); err != nil {
		t.Fatal(err)
	}
	ts.checkIn(t, f.Action, f.Door, f.Codes["Iglesia San José"]...)
	ts.checkIn(t, f.Action, f.Door, f.Codes["Centro El Puente"][:2]...)
	ts.checkIn(t, f.Action, f.Door, f.Codes["Sindicato Local 12"][0])
}

// floorPercents is what every page and CSV must say of percentHall.
var floorPercents = map[string]int{"Iglesia San José": 62, "Centro El Puente": 66, "Sindicato Local 12": 16,
	"Durham": 63, "Raleigh": 16, "Total": 47}

// TestPercentOneRuleInReportsCSVsAndPages: the report, its CSV, the history
// and its CSV, the browser's numbers.js and the live view all floor.
func TestPercentOneRuleInReportsCSVsAndPages(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	percentHall(t, ts, f)
	c := signInConsole(t, ts, f)
	a := fmt.Sprintf("/api/actions/%d", f.Action)

	rep := decodeJSON[struct{ Report store.ActionReport }](t, c.must(t, 200, "GET", a+"/report", nil)).Report
	got := map[string]int{"Total": *rep.Total.Percent}
	for _, r := range append(rep.Institutions, rep.Chapters...) {
		name := r.Institution.Name
		if name == "" {
			name = r.Chapter.Name
		}
		got[name] = *r.Percent
	}
	samePercents(t, "report", got)

	got = map[string]int{}
	for _, row := range readReportCSV(t, c.must(t, 200, "GET", a+"/report.csv", nil))[1:] {
		name := row[1]
		if name == "" || name == "Total" {
			name = row[0]
		}
		var p int
		fmt.Sscan(row[8], &p)
		got[name] = p
	}
	samePercents(t, "report CSV", got)

	h := decodeJSON[store.History](t, c.must(t, 200, "GET", "/api/history", nil))
	got = map[string]int{"Total": *h.Total.Points[0].Percent}
	for _, s := range append(h.Institutions, h.Chapters...) {
		if p := s.Points[0].Percent; p != nil {
			got[s.Name] = *p
		}
	}
	samePercents(t, "history", got)
	got = map[string]int{}
	for _, row := range readReportCSV(t, c.must(t, 200, "GET", "/api/history.csv?by=institution", nil))[1:] {
		if row[2] == "Asamblea" {
			var p int
			fmt.Sscan(row[6], &p)
			got[row[1]] = p
		}
	}
	for _, name := range []string{"Iglesia San José", "Centro El Puente", "Sindicato Local 12"} {
		if got[name] != floorPercents[name] {
			t.Errorf("history CSV: %s %d %%, want %d %%", name, got[name], floorPercents[name])
		}
	}

	ctx := newBrowser(t)
	checkBrowserPercents(t, ctx, ts, f, rep)
}

func samePercents(t *testing.T, where string, got map[string]int) {
	t.Helper()
	for name, want := range floorPercents {
		if got[name] != want {
			t.Errorf("%s: %s %d %%, want %d %%", where, name, got[name], want)
		}
	}
}

// checkBrowserPercents: numbers.js computes what the report computed, and
// the live view writes it.
func checkBrowserPercents(t *testing.T, ctx context.Context, ts *testServer, f fixture, rep store.ActionReport) {
	t.Helper()
	signInLive(t, ctx, ts, f)
	rows := append([]store.ReportRow{rep.Total}, append(rep.Institutions, rep.Chapters...)...)
	pairs, _ := json.Marshal(rows)
	mismatch := pageEval[[]string](t, ctx, fmt.Sprintf(`import('/shared/numbers.js').then(m => %s
		.filter(r => m.percent(r.present, r.committed) !== r.percent)
		.map(r => r.present + '/' + r.committed + ': browser ' + m.percent(r.present, r.committed) + ', report ' + r.percent))`, pairs),
		chromedp.EvalAwaitPromise)
	if len(mismatch) > 0 {
		t.Errorf("numbers.js and the report disagree: %q", mismatch)
	}
	shown := pageEval[map[string]string](t, ctx, `Object.fromEntries([...document.querySelectorAll('#institutions tbody tr, #chapters tbody tr')]
		.map(r => [r.cells[0].textContent, r.cells[r.cells.length - 2].textContent.replace(/\s/g, ' ')]))`)
	for name, want := range floorPercents {
		if name != "Total" && shown[name] != fmt.Sprintf("%d %%", want) {
			t.Errorf("live view: %s shows %q, want %d %%", name, shown[name], want)
		}
	}
	if card := pageEval[string](t, ctx, `document.getElementById('commit-pct').textContent.replace(/\s/g, ' ')`); card != "47 %" {
		t.Errorf("live view's card of the commitment: %q, want 47 %%", card)
	}
}

// signInLive signs the organizer in with the live view's form and waits for
// the institutions' table.
func signInLive(t *testing.T, ctx context.Context, ts *testServer, f fixture) {
	t.Helper()
	err := chromedp.Do(ctx, chromedp.Navigate(fmt.Sprintf("%s/live/?action=%d", ts.URL, f.Action)),
		chromedp.WaitVisible(chromedp.ID("signin-form")),
		chromedp.SendKeys(chromedp.ID("name"), f.Organizer),
		chromedp.SendKeys(chromedp.ID("password"), f.Password),
		chromedp.Click(chromedp.ID("signin-submit")))
	if err != nil {
		t.Fatalf("sign in: %v", err)
	}
	waitPage(t, ctx, `document.querySelectorAll('#institutions tbody tr').length >= 3`, "the live view's institutions")
}
