package server

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"presente/server/demo"
	"presente/server/store"
)

// longestNames are the demo's institutions with the longest names: the last
// three to arrive, so the recent arrivals must show them whole.
var longestNames = []string{"Centro de Recursos para Familias Inmigrantes",
	"Sindicato de Trabajadores de la Construcción Local 12", "Iglesia Bautista Hispana Getsemaní"}

// seedEarlyHall is the demo network twenty minutes into an action, as the
// hall saw it: a few of each institution in, the three longest names last.
func seedEarlyHall(t *testing.T, ts *testServer) (action int64, display string) {
	t.Helper()
	ctx := context.Background()
	st := ts.Store()
	net, err := demo.Seed(ctx, st, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	insts, _ := st.Institutions(ctx)
	names := map[int64]string{}
	for _, in := range insts {
		names[in.ID] = in.Name
	}
	roster, _ := st.Roster(ctx, net.Action.ID)
	var ins, last []store.CheckIn
	taken := map[int64]int{}
	now := time.Now()
	for i, l := range roster {
		in := store.CheckIn{ID: fmt.Sprintf("hall-%05d", i), Action: net.Action.ID, Code: l.Code}
		switch k := slices.Index(longestNames, names[l.Institution]); {
		case k >= 0 && taken[l.Institution] == 0:
			in.At = now.Add(time.Duration(k-len(longestNames)) * 10 * time.Second)
			last = append(last, in)
		case taken[l.Institution] < 2+i%3:
			in.At = now.Add(-time.Duration(2+i%18) * time.Minute)
			ins = append(ins, in)
		default:
			continue
		}
		taken[l.Institution]++
	}
	for _, batch := range [][]store.CheckIn{ins, last} {
		if _, errs := st.CheckInMany(ctx, batch); len(errs) > 0 && errs[0] != nil {
			t.Fatalf("check in: %v", errs[0])
		}
	}
	_, display, err = st.CreateDisplay(ctx, net.Action.ID)
	if err != nil {
		t.Fatal(err)
	}
	return net.Action.ID, display
}

// fontSizes reads the computed font size, in px, of every element a
// selector finds, with its text.
const fontSizes = `((sel) => [...document.querySelectorAll(sel)].filter(e => e.offsetParent !== null)
	.map(e => ({ text: e.textContent, px: parseFloat(getComputedStyle(e).fontSize) })))`

type sized struct {
	Text string  `json:"text"`
	Px   float64 `json:"px"`
}

// assertReadable checks every element of each selector is at least 48 px.
func assertReadable(t *testing.T, ctx context.Context, selectors ...string) {
	t.Helper()
	for _, sel := range selectors {
		got := pageEval[[]sized](t, ctx, fmt.Sprintf(`%s(%q)`, fontSizes, sel))
		if len(got) == 0 {
			t.Errorf("no %s on the screen", sel)
		}
		for _, s := range got {
			if s.Px < 48 {
				t.Errorf("%s %q is %.1f px, want at least 48 px at 1920x1080", sel, s.Text, s.Px)
			}
		}
	}
}

// TestProjectorHallReadsItsNumbersAt1080p: at 1920x1080 every number the
// hall reads is at least 48 px, and the three latest arrivals show with
// their whole names.
func TestProjectorHallReadsItsNumbersAt1080p(t *testing.T) {
	ts := newTestServer(t)
	action, display := seedEarlyHall(t, ts)
	ctx := newBrowser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1920, 1080), chromedp.Navigate(ts.URL+"/projector/#token="+display)); err != nil {
		t.Fatal(err)
	}
	total, _ := fanTruth(t, ts.Store(), action)
	waitPage(t, ctx, projTotal(total), "the hall's total")
	waitPage(t, ctx, `document.querySelectorAll('#recent li:not(.waiting)').length > 0`, "the recent arrivals")
	time.Sleep(time.Second) // bars and counters settle
	saveShot(t, ctx, "projector-hall-1920x1080")
	assertFits(t, ctx, 1920, 1080)
	assertReadable(t, ctx, "#total", "#goal-pct", "#committed-line", "#chapters .present", "#chapters .committed",
		"#chapters .pct", "#recent li b")

	chips := pageEval[[]struct {
		Name string `json:"name"`
		Fits bool   `json:"fits"`
	}](t, ctx, `[...document.querySelectorAll('#recent li')].map(li => { const s = li.querySelector('span'), r = li.getBoundingClientRect();
		return { name: s.textContent, fits: s.scrollWidth <= s.clientWidth + 1 && s.scrollHeight <= s.clientHeight + 1 &&
			r.left >= 0 && r.right <= innerWidth && r.bottom <= innerHeight }; })`)
	if len(chips) != 3 {
		t.Errorf("%d recent-arrival chips, want 3: %+v", len(chips), chips)
	}
	for i, c := range chips {
		if want := longestNames[len(longestNames)-1-i]; c.Name != want || !c.Fits {
			t.Errorf("chip %d: %q, fits %v; want %q whole", i+1, c.Name, c.Fits, want)
		}
	}
}

// TestProjectorCredentialsJudgeOnlyOnceClosed: while buses still arrive the
// roll call says how many each institution still expects, never that it
// failed; once an organizer closes the credentials it says who met.
func TestProjectorCredentialsJudgeOnlyOnceClosed(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ts.checkIn(t, f.Action, f.Door, f.Codes["Iglesia San José"][0])
	callWant(t, ts, 201, "POST", fmt.Sprintf("/api/actions/%d/headcounts", f.Action), f.Door,
		map[string]any{"id": "bus-0001", "institution": f.Institutions["Sindicato Local 12"], "count": 6})
	ctx := newBrowser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1920, 1080), chromedp.Navigate(ts.URL+"/projector/#token="+f.Display)); err != nil {
		t.Fatal(err)
	}
	waitPage(t, ctx, projTotal(7), "the projector")
	if err := chromedp.Do(ctx, chromedp.KeyEvent("c")); err != nil {
		t.Fatal(err)
	}
	roll := `document.getElementById('credentials').innerText.replace(/\s+/g, ' ')`
	waitPage(t, ctx, `document.querySelectorAll('#creds-rows td.name').length === 2`, "the roll call")
	text := pageEval[string](t, ctx, roll)
	if strings.Contains(text, "umpli") || !strings.Contains(text, "Faltan 6") || !strings.Contains(text, "Faltan 5") {
		t.Errorf("open roll call of Durham reads %q; want Faltan 6 and Faltan 5, no verdict", text)
	}
	saveShot(t, ctx, "projector-credentials-open-1920x1080")
	assertReadable(t, ctx, "#creds-rows td.num:not(:last-child)", "#creds-foot td.num:not(:last-child)", "#creds-rows .result b")
	if err := chromedp.Do(ctx, chromedp.KeyEvent("l")); err != nil {
		t.Fatal(err)
	}
	waitPage(t, ctx, roll+`.includes('COMMITMENT')`, "English")
	if text := pageEval[string](t, ctx, roll); strings.Contains(text, "Met") || strings.Contains(text, "Not met") || !strings.Contains(text, "6 to go") {
		t.Errorf("open roll call in English reads %q; want 6 to go, no verdict", text)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("l"), chromedp.KeyEvent(kb.End)); err != nil {
		t.Fatal(err)
	}
	waitPage(t, ctx, `document.getElementById('creds-head').textContent.includes('Capítulo')`, "the summary")
	if text := pageEval[string](t, ctx, roll); strings.Contains(text, "umpli") || !strings.Contains(text, "Faltan 11") {
		t.Errorf("open summary reads %q; want Durham's Faltan 11, no verdict", text)
	}

	if _, err := ts.Store().CloseCredentials(context.Background(), f.Action, store.Actor{}, false); err != nil {
		t.Fatal(err)
	}
	waitPage(t, ctx, roll+`.includes('No cumplió')`, "the closed roll call")
	if text := pageEval[string](t, ctx, roll); !strings.Contains(text, "✓ Cumplió") || strings.Contains(text, "Faltan") {
		t.Errorf("closed summary reads %q; want Raleigh's ✓ Cumplió, Durham's No cumplió and no Faltan", text)
	}
	saveShot(t, ctx, "projector-credentials-closed-summary-1920x1080")
}
