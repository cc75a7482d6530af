package server

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"presente/server/store"
)

// chaseInst is one institution of the live view's chase, as the page shows it.
type chaseInst struct {
	ID     string   `json:"id"`
	Short  string   `json:"short"`
	People []string `json:"people"`
	Calls  []string `json:"calls"`
	Texts  []string `json:"texts"`
}

const readChase = `[...document.querySelectorAll('#chase .chase-inst')].map(s => ({ id: s.dataset.institution,
	short: s.querySelector('.chase-short').textContent,
	people: [...s.querySelectorAll('.chase-who')].map(e => e.textContent),
	calls: [...s.querySelectorAll('a.call')].map(a => a.getAttribute('href')),
	texts: [...s.querySelectorAll('a.text')].map(a => a.getAttribute('href')) }))`

// TestChaseViewUpdatesWhenALeaderArrives: on a phone, the live view lists
// the short institutions, most short first, with the contact person and
// each leader's call and text links (the text in the leader's language);
// when a leader of a short institution arrives, they leave the list by
// themselves. The needs counted at the doors show as totals.
func TestChaseViewUpdatesWhenALeaderArrives(t *testing.T) {
	w := newChaseWorld(t)
	centro, san := w.f.Institutions["Centro El Puente"], w.f.Institutions["Iglesia San José"]
	w.c.must(t, 204, "PUT", fmt.Sprintf("/api/leaders/%d", w.leaderID(t, "Líder 1 de Centro El Puente")),
		map[string]any{"name": "Líder 1 de Centro El Puente", "institution": centro, "phone": "(919) 555-0110"})
	w.c.must(t, 204, "PUT", fmt.Sprintf("/api/leaders/%d", w.leaderID(t, "Líder 4 de Iglesia San José")),
		map[string]any{"name": "Líder 4 de Iglesia San José", "institution": san, "phone": "919-555-0144", "language": "en"})
	w.c.must(t, 200, "PUT", w.a+"/needs", map[string]any{"names": []string{"Audífonos de interpretación"}})
	callWant(t, w.ts, 201, "POST", w.a+"/needs/counts", w.f.Door, map[string]any{"id": "need-chase-1", "position": 1, "count": 4})

	ctx := newBrowser(t, chromedp.WindowSize(390, 844))
	consoleTail(t, ctx)
	signInLive(t, ctx, w.ts, w.f)
	waitPage(t, ctx, `document.querySelectorAll('#chase .chase-inst').length === 2`, "the chase")
	got := pageEval[[]chaseInst](t, ctx, readChase)
	if got[0].ID != fmt.Sprint(centro) || got[1].ID != fmt.Sprint(san) || !strings.Contains(got[0].Short, "faltan 5") {
		t.Fatalf("chase %+v, want El Puente (5 short) before San José", got)
	}
	if want := []string{"Líder 1 de Centro El Puente", "Líder 3 de Centro El Puente"}; fmt.Sprint(got[0].People) != fmt.Sprint(want) {
		t.Errorf("El Puente's people %q, want %q (Líder 2 did not agree to be contacted)", got[0].People, want)
	}
	if len(got[0].Calls) != 2 || got[0].Calls[0] != "tel:9195550199" || got[0].Calls[1] != "tel:9195550110" {
		t.Errorf("El Puente's call links %q, want the contact person's then Líder 1's", got[0].Calls)
	}
	if body := smsBody(t, got[1].Texts); !strings.Contains(body, "Hi Líder, we are expecting you today at Asamblea") {
		t.Errorf("San José's English speaker gets the text %q", body)
	}
	waitPage(t, ctx, `document.querySelector('#needs .need-total')?.textContent === '4'`, "the needs' totals")
	saveShot(t, ctx, "chase-390")

	callWant(t, w.ts, 201, "POST", w.a+"/checkins", w.f.Door, map[string]string{"id": "chase-arrive-1",
		"code": w.f.Codes["Centro El Puente"][0]})
	waitPage(t, ctx, `(() => { const s = document.querySelector('#chase .chase-inst');
		return s && s.querySelector('.chase-short').textContent.includes('faltan 4') &&
			![...s.querySelectorAll('.chase-who')].some(e => e.textContent === 'Líder 1 de Centro El Puente'); })()`,
		"Líder 1 to leave the chase")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900), chromedp.Click(chromedp.CSS("#chase summary"))); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	saveShot(t, ctx, "chase-1366")
}

// smsBody is the message a text link prefills.
func smsBody(t *testing.T, links []string) string {
	t.Helper()
	for _, l := range links {
		if _, q, ok := strings.Cut(l, "?&body="); ok {
			body, err := url.QueryUnescape(q)
			if err != nil {
				t.Fatal(err)
			}
			return body
		}
	}
	return ""
}

// TestWalkInWithContactUnder30Seconds: at a 360 px phone a volunteer adds a
// walk-in with phone, email, language and consent, well within 30 seconds
// of scripted typing, and the server stores every field.
func TestWalkInWithContactUnder30Seconds(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ctx := newPhone(t, chromedp.WindowSize(360, 740))
	openScanner(t, ctx, ts.URL, f.Door)
	// The camera's answer moves the page: tap once it has settled, as a person would.
	waitPage(t, ctx, `!['', 'starting'].includes(document.getElementById('cam-state').dataset.state || '')`, "the camera to settle")
	start := time.Now()
	steps(t, ctx, chromedp.Click(chromedp.ID("btn-walkin")), chromedp.WaitVisible(chromedp.ID("walkin-name")),
		chromedp.SendKeys(chromedp.ID("walkin-name"), "Rosa Contreras"),
		chromedp.SendKeys(chromedp.CSS("#walkin-picker .picker-input"), "puente"),
		chromedp.Click(chromedp.CSS("#walkin-picker .pick")),
		chromedp.Click(chromedp.ID("walkin-en")),
		chromedp.SendKeys(chromedp.ID("walkin-phone"), "919 555 0177"),
		chromedp.SendKeys(chromedp.ID("walkin-email"), "rosa@example.org"),
		chromedp.Click(chromedp.ID("walkin-consent")))
	saveScreen(t, ctx, "walkin-360")
	steps(t, ctx, chromedp.Click(chromedp.ID("walkin-submit")))
	waitPage(t, ctx, `document.getElementById('answer').dataset.kind === 'ok'`, "a green answer")
	if took := time.Since(start); took > 30*time.Second {
		t.Errorf("a walk-in with contact took %v, want under 30 s", took)
	}
	ts.waitTotal(t, f.Action, f.Door, 1)
	var phone, email, lang string
	var consent, walkIn bool
	err := reportDB(t, ts).QueryRow(`SELECT phone, email, language, consent, walk_in FROM leaders WHERE name = 'Rosa Contreras'`).
		Scan(&phone, &email, &lang, &consent, &walkIn)
	if err != nil || phone != "919 555 0177" || email != "rosa@example.org" || lang != "en" || !consent || !walkIn {
		t.Errorf("stored walk-in: %q %q %q consent %v walk-in %v (%v)", phone, email, lang, consent, walkIn, err)
	}
}

// TestProjectorShowsFirstTimers: beside the total the projector says how
// many came for the first time, live, at 48 px or more at 1920x1080.
func TestProjectorShowsFirstTimers(t *testing.T) {
	w := newFirstWorld(t)
	w.scan(t, w.before, w.san[0])
	for _, code := range []string{w.san[0], w.san[1], w.centro[0]} {
		w.scan(t, w.f.Action, code)
	}
	ctx := newBrowser(t)
	consoleTail(t, ctx)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1920, 1080), chromedp.Navigate(w.ts.URL+"/projector/#token="+w.f.Display)); err != nil {
		t.Fatal(err)
	}
	first := `document.getElementById('first-line').textContent`
	waitPage(t, ctx, first+` === '2 por primera vez'`, "two first-timers")
	w.scan(t, w.f.Action, w.sind[0])
	waitPage(t, ctx, first+` === '3 por primera vez'`, "a third first-timer, live")
	time.Sleep(time.Second) // the counters settle
	assertReadable(t, ctx, "#first-line")
	assertFits(t, ctx, 1920, 1080)
	saveScreen(t, ctx, "projector-first-timers-1920x1080")
}

// TestNeedsCounterAtTheDoor: the door shows the action's needs; after a
// green answer the volunteer taps +1, after a headcount +N offers the
// headcount's size; the server counts each tap once.
func TestNeedsCounterAtTheDoor(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	c := signInConsole(t, ts, f)
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	c.must(t, 200, "PUT", a+"/needs", map[string]any{"names": []string{"Audífonos de interpretación", "Cuidado de niños"}})
	ctx := newPhone(t)
	openScanner(t, ctx, ts.URL, f.Door)
	waitPage(t, ctx, `document.querySelectorAll('#needs-list .need').length === 2`, "the needs")
	if pageEval[bool](t, ctx, `!document.querySelector('#needs-list .need-one').disabled`) {
		t.Error("+1 is enabled before any check-in")
	}
	steps(t, ctx, chromedp.SendKeys(chromedp.ID("code"), f.Codes["Iglesia San José"][0]+kb.Enter))
	waitPage(t, ctx, `document.getElementById('answer').dataset.kind === 'ok'`, "a green answer")
	steps(t, ctx, chromedp.Click(chromedp.ID("answer")),
		chromedp.Click(chromedp.CSS(`#needs-list .need[data-position="1"] .need-one`)))
	steps(t, ctx, chromedp.Click(chromedp.ID("btn-headcount")),
		chromedp.SendKeys(chromedp.CSS("#headcount-picker .picker-input"), "sindicato"),
		chromedp.Click(chromedp.CSS("#headcount-picker .pick")),
		chromedp.SendKeys(chromedp.ID("headcount-count"), "12"),
		chromedp.Click(chromedp.ID("headcount-submit")))
	waitPage(t, ctx, `document.getElementById('answer').dataset.kind === 'ok'`, "the headcount")
	steps(t, ctx, chromedp.Click(chromedp.ID("answer")),
		chromedp.Click(chromedp.CSS(`#needs-list .need[data-position="2"] .need-many`)))
	waitPage(t, ctx, `document.querySelector('#needs-list .need-form input')?.value === '12'`, "+N with the headcount's size")
	saveShot(t, ctx, "needs")
	steps(t, ctx, chromedp.Click(chromedp.CSS("#needs-list .need-form button")))
	waitPage(t, ctx, `document.getElementById('unsent').dataset.count === '0'`, "the outbox to drain")
	deadline := time.Now().Add(30 * time.Second)
	var needs []store.Need
	for time.Now().Before(deadline) {
		needs = decodeJSON[struct{ Needs []store.Need }](t, callWant(t, ts, 200, "GET", a+"/needs", f.Door, nil)).Needs
		if len(needs) == 2 && needs[0].Total == 1 && needs[1].Total == 12 {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Errorf("needs counted %+v, want 1 headset and 12 childcare", needs)
}

// TestFollowUpListsAndLeaderPageBrowser: the organizer switches between the
// three lists — only people who agreed to be contacted, with a text link —
// and opens a leader's page from a list: their actions, present and first.
func TestFollowUpListsAndLeaderPageBrowser(t *testing.T) {
	w, _ := followUpWorld(t)
	ctx := newBrowser(t, chromedp.WindowSize(390, 844))
	consoleTail(t, ctx)
	consoleSignInBrowser(t, ctx, w.ts, w.f)
	steps(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/console/followup.html?id=%d", w.ts.URL, w.f.Action)),
		chromedp.WaitVisible(chromedp.CSS("#followup section")))
	steps(t, ctx, chromedp.Click(chromedp.CSS("#lists button:nth-child(2)")))
	waitPage(t, ctx, `document.getElementById('download').href.includes('list=first')`, "the first-timers list")
	text := pageEval[string](t, ctx, `document.getElementById('followup').innerText`)
	for _, want := range []string{"Ana Nueva", "Líder 2 de Iglesia San José", "Sin permiso para contactarles, no aparecen aquí: 1."} {
		if !strings.Contains(text, want) {
			t.Errorf("first-timers list lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Beto") || strings.Contains(text, "Líder 1 de Iglesia") {
		t.Errorf("first-timers list shows someone it must not:\n%s", text)
	}
	if body := smsBody(t, pageEval[[]string](t, ctx, `[...document.querySelectorAll('#followup a.sms')].map(a => a.getAttribute('href'))`)); !strings.Contains(body, "Hi Ana, thank you for coming") {
		t.Errorf("Ana's text %q, want English thanks", body)
	}
	saveShot(t, ctx, "followup-first-390")
	steps(t, ctx, chromedp.Click(chromedp.CSS("#lists button:nth-child(1)")))
	waitPage(t, ctx, `document.getElementById('download').href.includes('list=absent')`, "the absent list")
	steps(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/console/leader.html?id=%d", w.ts.URL, w.leaderNamed(t, "Líder 1 de Iglesia San José"))))
	waitPage(t, ctx, `document.querySelectorAll('#actions tr').length === 2`, "the leader's actions")
	rows := pageEval[[]string](t, ctx, `[...document.querySelectorAll('#actions tr')].map(r => r.innerText.replace(/\s+/g, ' '))`)
	if !strings.Contains(rows[0], "Asamblea") || !strings.Contains(rows[0], "Presente · escaneado") ||
		!strings.Contains(rows[1], "Antes") || !strings.Contains(rows[1], "primera vez") {
		t.Errorf("leader's actions %q, want Asamblea present and Antes their first time", rows)
	}
	saveShot(t, ctx, "leader-390")
}
