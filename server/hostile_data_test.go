package server

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"presente/server/store"
)

// Hostile text as a spreadsheet or a mischievous volunteer might type it.
// Every page must show it as plain text: no dialog, no element made from it.
const (
	hScript  = `<script>alert(1)</script>`
	hImg     = `"><img src=x onerror=alert(1)>`
	hBold    = `<b>bold</b>`
	hRTL     = "\u202Eairam\u200F Pérez"            // right-to-left override and mark
	hZW      = "Ze\u200Bro\u200C Wi\u200Ddth\u2060" // zero-width space, non-joiner, joiner, word joiner
	hFormula = `=cmd|' /C calc'!A0`
)

// hLong is 10,000 characters, each ten an HTML element that must not be one.
var hLong = strings.Repeat("<i>10k</i>", 1000)

// hostileWorld is an action whose chapters, institutions, leaders, doors and
// action are named with hostile text, some of it checked in.
type hostileWorld struct {
	ts             *testServer
	action, other  int64
	door, display  string // tokens: the door named hBold+hImg, the projector
	org, password  string
	codes          map[string]string // badge codes by leader name (hLong as "long")
	leaders        map[string]int64  // leader ids by the same keys
	instLong, inst int64             // the institution named hLong; the one named hBold+" Iglesia"
}

// hostileLayout is chapter -> institution -> leader names. "long" names are
// placeholders made 10,000 characters long with SQL after seeding, since the
// store refuses names over 200 characters.
var hostileLayout = []struct {
	chapter, inst string
	leaders       []string
}{
	{hScript + " Durham", hBold + " Iglesia", []string{hScript, hBold, "-2+3 Resta", "@SUM(A1)"}},
	{hImg + " Raleigh", hImg, []string{hImg}},
	{hScript + " Durham", hRTL + " Centro", []string{hRTL}},
	{hImg + " Raleigh", "Cen\u200Btro\u200D Cero", []string{hZW}},
	{"@Capítulo", `=HYPERLINK("http://evil")`, []string{hFormula, "+SUM(1+1)"}},
	{"long chapter", "long institution", []string{"long"}},
}

// seedHostile builds the hostile world, makes the long names long in the
// database file and starts a server on it.
func seedHostile(t *testing.T) hostileWorld {
	t.Helper()
	dir := t.TempDir()
	first := startTestServer(t, dir)
	w := hostileWorld{org: "ana", password: "correct horse battery", codes: map[string]string{}, leaders: map[string]int64{}}
	ids := w.seedRoster(t, first.Store())
	w.seedAction(t, first.Store(), ids)
	first.stop(t)
	lengthen(t, dir, w)
	w.ts = startTestServer(t, dir)
	return w
}

// seedRoster adds the chapters, institutions and leaders; it returns every
// institution's id.
func (w *hostileWorld) seedRoster(t *testing.T, st *store.Store) []int64 {
	t.Helper()
	ctx := context.Background()
	chapters := map[string]int64{}
	var insts []int64
	for _, row := range hostileLayout {
		if _, ok := chapters[row.chapter]; !ok {
			chapters[row.chapter] = must(store.Ref{}, row.chapter)(st.CreateChapter(ctx, row.chapter)).ID
		}
		in := must(store.Ref{}, row.inst)(st.CreateInstitution(ctx, chapters[row.chapter], row.inst, "")).ID
		insts = append(insts, in)
		var nl []store.NewLeader
		for _, name := range row.leaders {
			nl = append(nl, store.NewLeader{Name: name, Institution: in, Phone: "=1+2", Email: "@evil.example"})
		}
		for i, l := range must([]store.LeaderRef{}, row.inst)(st.AddLeaders(ctx, nl)) {
			w.codes[row.leaders[i]], w.leaders[row.leaders[i]] = l.Code, l.ID
		}
	}
	w.inst, w.instLong = insts[0], insts[len(insts)-1]
	return insts
}

// seedAction adds the action, its doors and display, commitments for every
// institution, the organizer, and check-ins for some of the leaders.
func (w *hostileWorld) seedAction(t *testing.T, st *store.Store, insts []int64) {
	t.Helper()
	ctx := context.Background()
	w.action = must(store.Action{}, "action")(st.CreateAction(ctx, store.Action{Name: hScript + " Asamblea " + hBold,
		Date: "2026-12-12", Venue: "venue", Goal: 40})).ID
	w.other = must(store.Action{}, "other")(st.CreateAction(ctx, store.Action{Name: "=1+1 " + hImg, Date: "2026-06-01", Venue: hBold})).ID
	commit := map[int64]int{}
	for _, id := range insts {
		commit[id] = 5
	}
	for _, a := range []int64{w.action, w.other} {
		if err := st.SetCommitments(ctx, a, commit); err != nil {
			t.Fatalf("SetCommitments: %v", err)
		}
	}
	w.door = doorToken(st.CreateDoor(ctx, w.action, hBold+" "+hImg))
	second := doorToken(st.CreateDoor(ctx, w.action, "@Puerta sur"))
	doorToken(st.CreateDoor(ctx, w.action, "long door"))
	_, w.display, _ = st.CreateDisplay(ctx, w.action)
	if _, err := st.CreateOrganizer(ctx, w.org, w.password); err != nil {
		t.Fatalf("CreateOrganizer: %v", err)
	}
	byDoor := map[string][]string{w.door: {hScript, hBold}, second: {hRTL, hFormula, "long"}}
	for token, names := range byDoor {
		for _, name := range names {
			d, err := st.DoorByToken(ctx, token)
			if err != nil {
				t.Fatalf("DoorByToken: %v", err)
			}
			_, err = st.CheckIn(ctx, store.CheckIn{ID: "seed-" + w.codes[name], Action: w.action, Code: w.codes[name],
				By: store.Actor{Door: d.ID}})
			if err != nil {
				t.Fatalf("check in %q: %v", name, err)
			}
		}
	}
}

// lengthen makes the "long" placeholders 10,000 characters long, with SQL
// straight into the stopped server's database file.
func lengthen(t *testing.T, dir string, w hostileWorld) {
	t.Helper()
	path := filepath.Join(dir, "presente.db")
	db := openDB(t, path, false)
	defer db.Close()
	for _, q := range []string{
		`UPDATE leaders SET name = ? WHERE name = 'long'`,
		`UPDATE institutions SET name = ? WHERE name = 'long institution'`,
		`UPDATE chapters SET name = ? WHERE name = 'long chapter'`,
		`UPDATE doors SET name = ? WHERE name = 'long door'`,
		fmt.Sprintf(`UPDATE actions SET venue = ? WHERE id = %d`, w.action),
	} {
		res, err := db.Exec(q, hLong)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			t.Fatalf("%s changed %d rows, want 1", q, n)
		}
	}
}
