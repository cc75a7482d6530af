package server

import (
	"database/sql"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// quietDoor makes a door's phone last heard from ago, as if it had gone
// silent then: the heartbeat's time is written straight into the database.
func quietDoor(t *testing.T, ts *testServer, name string, ago time.Duration) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: ts.Store().Path()}).EscapedPath()+"?_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	at := time.Now().Add(-ago).UTC().Format("2006-01-02T15:04:05.000Z")
	if _, err := db.Exec(`UPDATE doors SET last_seen_at = ? WHERE name = ?`, at, name); err != nil {
		t.Fatal(err)
	}
}

// doorAlert is one line of the live view's door warnings.
type doorAlert struct {
	Text  string `json:"text"`
	Class string `json:"class"`
	Color string `json:"color"`
}

// TestLiveViewRaisesSilentDoorsAndUnsentScans: a phone silent for three
// minutes with five scans it could not send is the first thing the live view
// shows, in red, with how long and how many; the doors' table calls it
// silent as the doors page does, by the server's one rule.
func TestLiveViewRaisesSilentDoorsAndUnsentScans(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	callWant(t, ts, 200, "POST", a+"/door/contact", f.Door, map[string]int{"queued": 5})
	callWant(t, ts, 200, "POST", a+"/door/contact", f.Door2, map[string]int{"queued": 2})
	quietDoor(t, ts, "Puerta norte", 3*time.Minute+10*time.Second)

	ctx := newBrowser(t, chromedp.WindowSize(1366, 900))
	signInLive(t, ctx, ts, f)
	waitPage(t, ctx, `document.querySelectorAll('#door-alerts li').length === 2`, "the door warnings")
	alerts := pageEval[[]doorAlert](t, ctx, `[...document.querySelectorAll('#door-alerts li')].map(li => ({
		text: li.textContent.replace(/\s+/g, ' ').trim(), class: li.className, color: getComputedStyle(li).borderLeftColor }))`)
	bad := pageEval[string](t, ctx, `(() => { const p = document.createElement('i'); p.style.color = 'var(--bad)';
		document.body.append(p); const c = getComputedStyle(p).color; p.remove(); return c; })()`)
	warn := pageEval[string](t, ctx, `(() => { const p = document.createElement('i'); p.style.color = 'var(--warn)';
		document.body.append(p); const c = getComputedStyle(p).color; p.remove(); return c; })()`)
	if len(alerts) != 2 || !strings.Contains(alerts[0].Text, "Puerta norte") ||
		!strings.Contains(alerts[0].Text, "sin contacto hace 3 min") || !strings.Contains(alerts[0].Text, "5 pendientes") ||
		alerts[0].Color != bad {
		t.Errorf("first warning %+v, want Puerta norte, silent 3 min, 5 pending, in red (%s)", alerts, bad)
	}
	if len(alerts) == 2 && (!strings.Contains(alerts[1].Text, "Puerta sur") || !strings.Contains(alerts[1].Text, "2 pendientes") ||
		strings.Contains(alerts[1].Text, "sin contacto") || alerts[1].Color != warn) {
		t.Errorf("second warning %+v, want Puerta sur with 2 pending, in amber (%s)", alerts[1], warn)
	}
	above := pageEval[bool](t, ctx, `document.getElementById('door-alerts').getBoundingClientRect().bottom <=
		document.querySelector('.cards').getBoundingClientRect().top + 1`)
	if !above {
		t.Errorf("the door warnings are not at the top, above the numbers")
	}
	states := pageEval[map[string]string](t, ctx, `Object.fromEntries([...document.querySelectorAll('#doors tbody tr')]
		.map(r => [r.cells[0].textContent, r.cells[1].textContent]))`)
	if states["Puerta norte"] != "Sin contacto" || states["Puerta sur"] != "Activa" {
		t.Errorf("doors' table states %q, want Puerta norte Sin contacto and Puerta sur Activa", states)
	}
	saveShot(t, ctx, "live-doors-1366")
}
