package server

import (
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// foldWatch is put in the page before it loads: from its first change on,
// each time the page changes while the undo button is enabled, it notes
// whether that button, and the offline note when shown, lie wholly inside
// the screen. A note shown for a moment after a reload counts as much as
// one that stays: a volunteer reaching for the undo then finds it gone.
const foldWatch = `window.foldSeen = {looks: 0, worst: 0, undoOut: 0, noteShown: 0, noteOut: 0};
new MutationObserver(() => {
  const undo = document.getElementById('undo');
  if (!undo || undo.disabled) return;
  const s = window.foldSeen, note = document.getElementById('reload-warning');
  const bottom = undo.getBoundingClientRect().bottom;
  s.looks++;
  s.worst = Math.max(s.worst, bottom);
  if (bottom > innerHeight) s.undoOut++;
  if (note && !note.classList.contains('hidden')) {
    s.noteShown++;
    if (note.getBoundingClientRect().bottom > innerHeight) s.noteOut++;
  }
}).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});`

// foldSeen is what foldWatch noted.
type foldSeen struct {
	Looks     int     `json:"looks"`
	Worst     float64 `json:"worst"`
	UndoOut   int     `json:"undoOut"`
	NoteShown int     `json:"noteShown"`
	NoteOut   int     `json:"noteOut"`
}

// TestDoorUndoInReachAfterOfflineReload: on a 360×740 phone reloaded with
// the laptop out of reach, the undo of the last entry is on the screen
// without scrolling from the moment it comes back, the offline note
// above it included, and the phone still says it is offline and how many
// entries wait.
func TestDoorUndoInReachAfterOfflineReload(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ctx := newPhone(t)
	openDoor(t, ctx, ts.URL, f.Door)
	atWidth(t, ctx, 360)
	waitKeptOffline(t, ctx)
	ts.stop(t)
	for _, code := range f.Codes["Iglesia San José"][:2] {
		doorScan(t, ctx, code, "ok")
		dismissAnswer(t, ctx)
	}

	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: foldWatch}); err != nil {
		t.Fatalf("watch the reloaded page: %v", err)
	}
	pageEval[bool](t, ctx, `window.beforeReload = true`)
	steps(t, ctx, chromedp.Reload())
	waitPage(t, ctx, `!window.beforeReload && window.presenteScanner && window.presenteScanner.panels && `+
		`!document.getElementById('undo').disabled && document.documentElement.dataset.reload !== 'pending'`,
		"the reloaded scanner with its undo")
	saveScreen(t, ctx, "reloaded-offline-360")

	seen := pageEval[foldSeen](t, ctx, `window.foldSeen`)
	t.Logf("undo enabled at %d looks, its bottom at most %.0f px of 740; offline note shown at %d of them",
		seen.Looks, seen.Worst, seen.NoteShown)
	if seen.UndoOut > 0 {
		t.Errorf("the undo button reached below the 740 px screen at %d of %d looks (bottom at %.0f px)",
			seen.UndoOut, seen.Looks, seen.Worst)
	}
	if seen.NoteOut > 0 {
		t.Errorf("the offline note reached below the screen at %d of %d looks while shown", seen.NoteOut, seen.NoteShown)
	}
	if bottom := pageEval[float64](t, ctx, `document.getElementById('undo').getBoundingClientRect().bottom`); bottom > 740 {
		t.Errorf("the undo button ends at %.0f px, below the 740 px screen", bottom)
	}
	if got := textOf(t, ctx, "#net"); got != "Sin conexión" {
		t.Errorf("the phone's status reads %q, want Sin conexión", got)
	}
	if got := textOf(t, ctx, "#unsent"); got != "2 pendientes" {
		t.Errorf("the pending count reads %q, want 2 pendientes", got)
	}
}
