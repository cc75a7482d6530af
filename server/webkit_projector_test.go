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

// TestWebKitProjectorLiveAndRestart is TestProjectorBrowserLiveAndRestart in
// WebKit: the projector shows the snapshot, a check-in posted to the API
// moves the numbers live without rebuilding the bars, and after a restart
// of the server the page reconnects to the right numbers by itself.
func TestWebKitProjectorLiveAndRestart(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ts.checkIn(t, f.Action, f.Door, f.Codes["Iglesia San José"][0])
	wk := newWebKit(t)
	wk.navigate(ts.URL + "/projector/#token=" + f.Display)
	wk.wait("the seeded total", projTotal(1))
	if href := wkEval[string](wk, `location.href`); strings.Contains(href, "disp_") {
		t.Errorf("the display token stays in the address bar: %s", href)
	}
	chapters := wkEval[[]string](wk, `[...document.querySelectorAll('#chapters .name')].map(e => e.textContent)`)
	if strings.Join(chapters, ",") != "Durham,Raleigh" {
		t.Errorf("chapter bars = %q, want Durham, Raleigh in that order", chapters)
	}

	wkEval[any](wk, `document.querySelectorAll('#chapters li').forEach((li, i) => { li.mark = 'bar' + i; })`)
	ts.checkIn(t, f.Action, f.Door, f.Codes["Sindicato Local 12"][0])
	took := wk.wait("a check-in to appear", projTotal(2))
	t.Logf("a check-in posted to the API showed on the WebKit projector after %v", took.Round(time.Millisecond))
	wk.wait("the arrival in the recent list",
		`document.getElementById('recent').textContent.includes('+1Sindicato Local 12')`)
	if marks := wkEval[string](wk, `[...document.querySelectorAll('#chapters li')].map(li => li.mark).join()`); marks != "bar0,bar1" {
		t.Errorf("chapter bars after a change = %q, want the same bars in the same order", marks)
	}
	wk.screenshot("webkit-projector")

	ts = restartServer(t, ts, func(srv *Server) {
		wk.wait("the reconnecting marker", projReconnecting)
		for i, code := range f.Codes["Centro El Puente"][:2] {
			in := store.CheckIn{ID: fmt.Sprintf("offline-%04d", i), Action: f.Action, Code: code}
			if _, err := srv.Store().CheckIn(context.Background(), in); err != nil {
				t.Fatalf("check in while down: %v", err)
			}
		}
	})
	wk.wait("recovery to the right numbers after a restart", projTotal(4)+" && !("+projReconnecting+")")
	ts.checkIn(t, f.Action, f.Door, f.Codes["Centro El Puente"][2])
	wk.wait("a check-in on the restarted server", projTotal(5))
	bars := wkEval[[]string](wk, `[...document.querySelectorAll('#chapters .present')].map(e => e.dataset.value)`)
	if strings.Join(bars, ",") != "4,1" {
		t.Errorf("chapter bars after restart = %q, want Durham 4, Raleigh 1", bars)
	}
}
