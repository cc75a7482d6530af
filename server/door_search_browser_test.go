package server

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"presente/server/store"
)

// TestDoorSearchSaysWhenThereAreMore: 49 leaders match "pena"; the door
// shows 40 and says there are more and to type more of the name, instead of
// a silent "40 found".
func TestDoorSearchSaysWhenThereAreMore(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	var nl []store.NewLeader
	for i := range 49 {
		nl = append(nl, store.NewLeader{Name: fmt.Sprintf("Persona %d Peña", i+1), Institution: f.Institutions["Centro El Puente"]})
	}
	if _, err := ts.Store().AddLeaders(context.Background(), nl); err != nil {
		t.Fatalf("AddLeaders: %v", err)
	}
	ctx := newPhone(t)
	openDoor(t, ctx, ts.URL, f.Door)
	atWidth(t, ctx, 390)
	steps(t, ctx, chromedp.Click(chromedp.ID("btn-search")), chromedp.SendKeys(chromedp.ID("search-input"), "pena"))
	waitPage(t, ctx, `document.querySelectorAll('#search-results .leader').length > 0`, "results")
	if n := pageEval[int](t, ctx, `document.querySelectorAll('#search-results .leader').length`); n != 40 {
		t.Errorf("%d results listed, want 40", n)
	}
	count := textOf(t, ctx, "#search-count")
	if !strings.Contains(count, "49") || !strings.Contains(count, "escriba más") {
		t.Errorf("search says %q; want that 49 match and to type more of the name", count)
	}
	saveShot(t, ctx, "search-more-390")
	steps(t, ctx, chromedp.SendKeys(chromedp.ID("search-input"), " 12"))
	waitPage(t, ctx, `document.querySelectorAll('#search-results .leader').length === 1`, "one result for a longer name")
	if count := textOf(t, ctx, "#search-count"); strings.Contains(count, "escriba más") {
		t.Errorf("with one match the search still says %q", count)
	}
	clearField(t, ctx, "search-input")
	steps(t, ctx, chromedp.SendKeys(chromedp.ID("search-input"), "nadie zzz"))
	if got, ok := waitText(t, ctx, "#search-count", "No se encontró a nadie con ese nombre", 5*time.Second); !ok {
		t.Errorf("a search with no match says %q", got)
	}
}

// TestDoorFoldsNamesAsTheServer: the scanner compares names with the one
// folding rule of the server (store.Fold): accents, case and punctuation
// aside, so "Peña, José" finds José Peña-O'Brien as the console would.
func TestDoorFoldsNamesAsTheServer(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	names := []string{"José Peña-O'Brien", "María  de la Cruz, Jr.", "ÁNGEL Ñúñez (Tito)", "Nguyễn Thị Dũng", "Zoë Ortiz/Ruiz"}
	var nl []store.NewLeader
	for _, n := range names {
		nl = append(nl, store.NewLeader{Name: n, Institution: f.Institutions["Centro El Puente"]})
	}
	refs, err := ts.Store().AddLeaders(context.Background(), nl)
	if err != nil {
		t.Fatalf("AddLeaders: %v", err)
	}
	ctx := newPhone(t)
	openDoor(t, ctx, ts.URL, f.Door)
	for _, r := range refs {
		got := pageEval[string](t, ctx, `window.presenteScanner.roster.get('`+r.Code+`').key`)
		if want := store.Fold(r.Name); got != want {
			t.Errorf("the door folds %q as %q; the server as %q", r.Name, got, want)
		}
	}
	steps(t, ctx, chromedp.Click(chromedp.ID("btn-search")), chromedp.SendKeys(chromedp.ID("search-input"), "Peña, José"))
	if got, ok := waitText(t, ctx, "#search-results", "José Peña-O'Brien", 5*time.Second); !ok {
		t.Errorf("\"Peña, José\" finds %q; want José Peña-O'Brien", got)
	}
}
