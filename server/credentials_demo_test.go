package server

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"presente/server/demo"
	"presente/server/store"
)

// demoHall is the demo network an hour and a half into an action: most
// delegations partly in, a few over their commitment by a bus, arrivals
// spread over time. Codes not yet used are kept per institution.
type demoHall struct {
	action  int64
	door    string
	unused  map[int64][]string // badge codes not checked in, by institution
	fixture fixture            // the organizer's name and password
}

func seedDemoHall(t *testing.T, ts *testServer) demoHall {
	t.Helper()
	ctx := context.Background()
	st := ts.Store()
	net, err := demo.Seed(ctx, st, time.Now())
	if err != nil {
		t.Fatalf("demo seed: %v", err)
	}
	h := demoHall{action: net.Action.ID, unused: map[int64][]string{},
		fixture: fixture{Organizer: "ana", Password: "correct horse battery"}}
	if _, err := st.CreateOrganizer(ctx, h.fixture.Organizer, h.fixture.Password); err != nil {
		t.Fatal(err)
	}
	_, h.door, _ = st.CreateDoor(ctx, h.action, "Puerta norte")
	bigChapter(t, st, h.action)
	roster, err := st.Roster(ctx, h.action)
	if err != nil {
		t.Fatal(err)
	}
	_, errs := st.CheckInMany(ctx, h.arrivals(roster))
	for _, err := range errs {
		if err != nil {
			t.Fatalf("demo check-in: %v", err)
		}
	}
	counts, _ := st.Counts(ctx, h.action)
	for i, c := range counts[:7] { // buses put the first chapter over the top
		hc := store.Headcount{ID: fmt.Sprintf("demo-bus-%02d", i), Action: h.action, Institution: c.Institution.ID,
			Count: c.Committed - c.CheckedIn + 8 + i, Note: "autobús"}
		if _, err := st.AddHeadcount(ctx, hc); err != nil {
			t.Fatalf("demo headcount: %v", err)
		}
	}
	return h
}

// bigChapter gives the first chapter five more institutions, so its roll
// call takes more than one screen.
func bigChapter(t *testing.T, st *store.Store, action int64) {
	t.Helper()
	ctx := context.Background()
	chapters, err := st.Chapters(ctx)
	if err != nil || len(chapters) == 0 {
		t.Fatalf("chapters: %v", err)
	}
	commit := map[int64]int{}
	for i, name := range []string{"Iglesia Bautista Monte Sion", "Templo Pentecostal Getsemaní",
		"Asociación de Padres Latinos", "Comité de Inquilinos Unidos", "Mezquita Al-Noor"} {
		in, err := st.CreateInstitution(ctx, chapters[0].ID, name, "")
		if err != nil {
			t.Fatal(err)
		}
		leaders := make([]store.NewLeader, 10+3*i)
		for j := range leaders {
			leaders[j] = store.NewLeader{Name: fmt.Sprintf("Persona %d %d", i, j), Institution: in.ID}
		}
		if _, err := st.AddLeaders(ctx, leaders); err != nil {
			t.Fatal(err)
		}
		commit[in.ID] = len(leaders) + 2
	}
	if err := st.SetCommitments(ctx, action, commit); err != nil {
		t.Fatal(err)
	}
}

// arrivals picks, for each institution, a share of its leaders who came, at
// times over the last 95 minutes that crowd towards now; the others' codes
// are kept for later.
func (h *demoHall) arrivals(roster []store.RosterEntry) []store.CheckIn {
	r := rand.New(rand.NewPCG(5, 5))
	rate := map[int64]float64{}
	first := time.Now().Add(-95 * time.Minute)
	var ins []store.CheckIn
	for i, l := range roster {
		if _, ok := rate[l.Institution]; !ok {
			rate[l.Institution] = 0.35 + 0.6*r.Float64()
		}
		if r.Float64() > rate[l.Institution] {
			h.unused[l.Institution] = append(h.unused[l.Institution], l.Code)
			continue
		}
		since := time.Duration(95*(1-r.Float64()*r.Float64())) * time.Minute
		ins = append(ins, store.CheckIn{ID: fmt.Sprintf("demo-%06d", i), Action: h.action, Code: l.Code, At: first.Add(since)})
	}
	return ins
}

// expectedRoll is the institutions the roll call must read: those with a
// commitment or someone present, from the raw tables.
func expectedRoll(t *testing.T, st *store.Store, action int64) []string {
	t.Helper()
	counts, err := st.Counts(context.Background(), action)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range counts {
		if c.Committed > 0 || c.CheckedIn+c.Headcount > 0 {
			names = append(names, c.Institution.Name)
		}
	}
	return names
}

// signInThroughLiveView signs the organizer in with the live view's form.
func signInThroughLiveView(t *testing.T, ctx context.Context, ts *testServer, h demoHall) {
	t.Helper()
	err := chromedp.Do(ctx, chromedp.Navigate(fmt.Sprintf("%s/live/?action=%d", ts.URL, h.action)),
		chromedp.WaitVisible(chromedp.ID("signin-form")),
		chromedp.SendKeys(chromedp.ID("name"), h.fixture.Organizer),
		chromedp.SendKeys(chromedp.ID("password"), h.fixture.Password),
		chromedp.Click(chromedp.ID("signin-submit")))
	if err != nil {
		t.Fatalf("sign in: %v", err)
	}
	waitPage(t, ctx, `document.querySelectorAll('#institutions tbody tr').length >= 20`, "the live view's institutions")
}

// checkLiveView sorts the organizer's institutions by who is present, and
// takes pictures of the live view on a laptop and on a phone.
func checkLiveView(t *testing.T, ctx context.Context) {
	t.Helper()
	waitPage(t, ctx, `document.querySelectorAll('#doors tbody tr').length === 1`, "the doors' table")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#institutions button[data-key="present"]`))); err != nil {
		t.Fatal(err)
	}
	present := pageEval[[]int](t, ctx, `[...document.querySelectorAll('#institutions tbody tr')].map(r => +r.cells[3].textContent.replace(/\D/g, ''))`)
	if !slices.IsSortedFunc(present, func(a, b int) int { return b - a }) || len(present) < 20 {
		t.Errorf("institutions sorted by present = %v, want biggest first", present)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`scrollTo(0, 0)`)); err != nil {
		t.Fatal(err)
	}
	saveScreen(t, ctx, "live-organizer-1280")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	saveScreen(t, ctx, "live-organizer-phone")
	if err := chromedp.Do(ctx, chromedp.EmulateReset()); err != nil {
		t.Fatal(err)
	}
}
