package server

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/coder/websocket"
)

// leaderLeak finds a leader's name or a badge code in what a display saw.
func leaderLeak(f fixture, body string) string {
	if strings.Contains(body, "Líder") {
		return "a leader's name"
	}
	for _, codes := range f.Codes {
		for _, c := range codes {
			if strings.Contains(body, c) {
				return "badge code " + c
			}
		}
	}
	return ""
}

// TestProjectorDisplayTokenSeesCountsOnly walks every route a display could
// try: the organizer's are refused, and what it may read holds counts and
// the names of institutions and chapters, never a leader's name or code.
func TestProjectorDisplayTokenSeesCountsOnly(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	org := signInConsole(t, ts, f)
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	ts.checkIn(t, f.Action, f.Door, f.Codes["Iglesia San José"][:2]...)
	if st, b := org.do(t, "POST", a+"/credentials", nil); st != http.StatusCreated {
		t.Fatalf("close credentials = %d %s", st, b)
	}
	refused := []struct{ method, path string }{
		{"GET", a + "/roster"}, {"GET", a + "/doors"}, {"POST", a + "/doors"}, {"POST", a + "/displays"},
		{"POST", a + "/credentials"}, {"POST", a + "/checkins"}, {"POST", a + "/checkins/batch"},
		{"POST", a + "/headcounts"}, {"POST", a + "/walkins"}, {"DELETE", "/api/session"},
	}
	for _, r := range refused {
		if st, b := ts.call(t, r.method, r.path, f.Display, map[string]any{"again": true}); st != 403 && st != 401 {
			t.Errorf("display %s %s = %d %s, want it refused", r.method, r.path, st, b)
		}
	}
	for _, path := range []string{a + "/turnout", a + "/arrivals", a + "/credentials", "/api/actions", "/api/session"} {
		st, b := ts.call(t, "GET", path, f.Display, nil)
		if st != 200 {
			t.Errorf("display GET %s = %d %s, want 200", path, st, b)
		}
		if leak := leaderLeak(f, string(b)); leak != "" {
			t.Errorf("display GET %s shows %s: %s", path, leak, b)
		}
	}
	for _, msg := range liveMessages(t, ts, f, 2) {
		if leak := leaderLeak(f, msg); leak != "" {
			t.Errorf("the live feed shows a display %s: %s", leak, msg)
		}
	}
}

// liveMessages reads a display's live feed while one more check-in happens.
func liveMessages(t *testing.T, ts *testServer, f fixture, n int) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	url := fmt.Sprintf("ws%s/api/actions/%d/live?token=%s", strings.TrimPrefix(ts.URL, "http"), f.Action, f.Display)
	c, _, err := websocket.Dial(ctx, url, nil)
	if err != nil {
		t.Fatalf("dial live: %v", err)
	}
	defer c.CloseNow()
	var out []string
	for len(out) < n {
		_, msg, err := c.Read(ctx)
		if err != nil {
			t.Fatalf("read live: %v", err)
		}
		if out = append(out, string(msg)); len(out) == 1 {
			ts.checkIn(t, f.Action, f.Door, f.Codes["Sindicato Local 12"][0])
		}
	}
	return out
}

// TestProjectorBrowserDisplayCannotOpenOrganizerPages opens the projector
// with a display link, then the organizers' live view in the same browser:
// the live view asks for a sign-in and shows no numbers, and the display's
// token, used by hand from the page, is refused on organizer routes.
func TestProjectorBrowserDisplayCannotOpenOrganizerPages(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ts.checkIn(t, f.Action, f.Door, f.Codes["Centro El Puente"][0])
	ctx := newBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(fmt.Sprintf("%s/projector/#token=%s&action=%d", ts.URL, f.Display, f.Action))); err != nil {
		t.Fatal(err)
	}
	waitPage(t, ctx, projTotal(1), "the projector")
	if err := chromedp.Do(ctx, chromedp.Navigate(fmt.Sprintf("%s/live/?action=%d", ts.URL, f.Action))); err != nil {
		t.Fatal(err)
	}
	waitPage(t, ctx, `!document.getElementById('signin').classList.contains('hidden')`, "the sign-in form")
	shown := pageEval[string](t, ctx, `document.getElementById('board').classList.contains('hidden') + ' ' +
		document.querySelectorAll('#institutions tbody tr').length + ' ' + document.body.innerText`)
	if !strings.HasPrefix(shown, "true 0 ") || strings.Contains(shown, "Líder") || strings.Contains(shown, "Centro El Puente") {
		t.Errorf("the live view with only a display token shows: %.300s", shown)
	}
	statuses := pageEval[[]int](t, ctx, fmt.Sprintf(`(async () => {
		const token = JSON.parse(localStorage.getItem('presente.display')).token;
		const paths = ['roster', 'doors', 'credentials', 'displays'];
		const methods = ['GET', 'GET', 'POST', 'POST'];
		return Promise.all(paths.map((p, i) => fetch('/api/actions/%d/' + p, { method: methods[i],
			headers: { Authorization: 'Bearer ' + token } }).then(r => r.status)));
	})()`, f.Action), chromedp.EvalAwaitPromise)
	for i, st := range statuses {
		if st != 403 {
			t.Errorf("organizer route %d with the page's display token = %d, want 403", i, st)
		}
	}
}
