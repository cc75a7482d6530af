package server

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestDoorOfflineTotalAndUndoAfterReload: offline, "Presentes" counts this
// phone's green entries still waiting to be sent, after a reload too; and
// the last entry can still be undone after an offline reload, the undo
// reaching the server once it is back.
func TestDoorOfflineTotalAndUndoAfterReload(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ctx := newPhone(t)
	openDoor(t, ctx, ts.URL, f.Door)
	atWidth(t, ctx, 360)
	waitKeptOffline(t, ctx)
	before := ts.presentTotal(t, f.Action, f.Door)
	waitPage(t, ctx, fmt.Sprintf(`document.getElementById('total').textContent === 'Presentes: %d'`, before), "the total")
	ts.stop(t)

	codes := f.Codes["Iglesia San José"]
	for _, code := range codes[:2] {
		doorScan(t, ctx, code, "ok")
		dismissAnswer(t, ctx)
	}
	want := fmt.Sprintf("Presentes: %d", before+2)
	if got, ok := waitText(t, ctx, "#total", want, 5*time.Second); !ok {
		t.Errorf("offline with 2 green entries queued the total reads %q, want %q", got, want)
	}
	saveScreen(t, ctx, "offline-total-360")

	pageEval[bool](t, ctx, `window.beforeReload = true`)
	steps(t, ctx, chromedp.Reload())
	waitPage(t, ctx, `location.pathname === '/door/' && !window.beforeReload && window.presenteScanner && window.presenteScanner.panels`,
		"the reloaded scanner")
	if got, ok := waitText(t, ctx, "#total", want, 5*time.Second); !ok {
		t.Errorf("after an offline reload the total reads %q, want %q", got, want)
	}
	waitPage(t, ctx, `!document.getElementById('undo').disabled`, "the undo of the last entry after the reload")
	if got := textOf(t, ctx, "#undo"); got[:len("Anular: Líder 2 de Iglesia San José")] != "Anular: Líder 2 de Iglesia San José" {
		t.Errorf("undo after the reload says %q; want it to name Líder 2 de Iglesia San José", got)
	}
	saveScreen(t, ctx, "reloaded-undo-360")
	steps(t, ctx, chromedp.Click(chromedp.ID("undo")))
	want = fmt.Sprintf("Presentes: %d", before+1)
	if got, ok := waitText(t, ctx, "#total", want, 5*time.Second); !ok {
		t.Errorf("after the undo offline the total reads %q, want %q", got, want)
	}

	back := restartServer(t, ts, nil)
	back.waitTotal(t, f.Action, f.Door, before+1)
	waitDrained(t, ctx)
	if n := checkinsOf(t, back, f.Action, codes[1]); n != 0 {
		t.Errorf("the undone entry has %d check-ins in force at the server, want 0", n)
	}
	if got, ok := waitText(t, ctx, "#total", want, 10*time.Second); !ok {
		t.Errorf("back online the total reads %q, want %q", got, want)
	}
}
