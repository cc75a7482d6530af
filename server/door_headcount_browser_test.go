package server

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestDoorHeadcountFormAgainstDoubleCounting: a delegation is its scanned
// leaders plus its headcounts, so the headcount form says to count only
// those without a badge, shows how many of the institution were already
// checked in today (by any door), and confirms with the number and the name.
func TestDoorHeadcountFormAgainstDoubleCounting(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	ctx := newPhone(t)
	openDoor(t, ctx, ts.URL, f.Door)
	atWidth(t, ctx, 390)
	codes := f.Codes["Iglesia San José"]
	for i, code := range codes[:2] { // at the other door
		status, body := ts.call(t, "POST", fmt.Sprintf("/api/actions/%d/checkins", f.Action), f.Door2,
			map[string]string{"id": fmt.Sprintf("south-door-%d", i), "code": code})
		if status != 201 {
			t.Fatalf("check-in at the other door: %d %s", status, body)
		}
	}
	doorScan(t, ctx, codes[2], "ok") // at this one
	dismissAnswer(t, ctx)
	waitPage(t, ctx, `window.presenteScanner.roster.get('`+codes[1]+`').at`, "the other door's check-ins on this phone")

	steps(t, ctx, chromedp.Click(chromedp.ID("btn-headcount")))
	if text := strings.ToLower(textOf(t, ctx, "#headcount-panel")); !strings.Contains(text, "cuente solo a quienes no traen gafete") {
		t.Errorf("headcount form says %q; want it to say to count only those without a badge", text)
	}
	fill := []chromedp.Action[chromedp.Void]{chromedp.SendKeys(chromedp.CSS("#headcount-picker .picker-input"), "san jose"),
		chromedp.Click(chromedp.CSS("#headcount-picker .pick")),
		chromedp.SendKeys(chromedp.ID("headcount-count"), "38")}
	steps(t, ctx, fill...)
	if got, ok := waitText(t, ctx, "#headcount-scanned", "3 personas", 5*time.Second); !ok {
		t.Errorf("headcount form says %q about who already came; want the 3 of Iglesia San José checked in", got)
	}
	if got := textOf(t, ctx, "#headcount-submit"); got != "Registrar 38 personas de Iglesia San José" {
		t.Errorf("confirm button says %q; want \"Registrar 38 personas de Iglesia San José\"", got)
	}
	saveShot(t, ctx, "headcount-390")
	atWidth(t, ctx, 360)
	saveShot(t, ctx, "headcount-360")

	steps(t, ctx, chromedp.Click(chromedp.CSS("#headcount-panel .sheet-close")), chromedp.Click(chromedp.ID("lang")),
		chromedp.Click(chromedp.ID("btn-headcount")))
	steps(t, ctx, fill...)
	if got := textOf(t, ctx, "#headcount-submit"); got != "Record 38 people from Iglesia San José" {
		t.Errorf("English confirm button says %q", got)
	}
	if got := textOf(t, ctx, "#headcount-scanned"); !strings.Contains(got, "3 people") {
		t.Errorf("English form says %q about who already came", got)
	}
}
