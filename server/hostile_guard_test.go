package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// hostileGuard watches a tab for what hostile data could make happen: a
// JavaScript dialog, a script or inline handler refused by the
// Content-Security-Policy, a request for the "x" an injected <img src=x>
// would load. A dialog is dismissed so the page goes on.
type hostileGuard struct {
	mu   sync.Mutex
	seen []string
}

func watchHostile(t *testing.T, ctx context.Context) *hostileGuard {
	t.Helper()
	g := &hostileGuard{}
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	requests := chromedp.Events(ctx, network.RequestWillBeSent)
	console := chromedp.Console(ctx)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			g.note("a %s dialog opened: %q", ev.Type, ev.Message)
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	go func() {
		for ev, err := range requests {
			if err != nil {
				return
			}
			if u, err := url.Parse(ev.Request.URL); err == nil && (u.Path == "/x" || strings.HasSuffix(u.Path, "/x")) {
				g.note("the page asked for %s, as an injected <img src=x> would", ev.Request.URL)
			}
		}
	}()
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			if strings.Contains(m.Text, "Content Security Policy") || strings.Contains(m.Text, "Content-Security-Policy") {
				g.note("the policy refused something: %s", m.Text)
			}
		}
	}()
	return g
}

func (g *hostileGuard) note(format string, args ...any) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.seen = append(g.seen, fmt.Sprintf(format, args...))
}

// take returns what the guard saw since the last call.
func (g *hostileGuard) take() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := g.seen
	g.seen = nil
	return out
}

// domReport is what a page's DOM holds that hostile data could have made.
type domReport struct {
	Scripts []string `json:"scripts"` // path of each script element, "inline" for one without src
	Images  int      `json:"images"`  // img elements loading "x"
	Bold    int      `json:"bold"`    // b elements reading "bold", as <b>bold</b> would make
	Italic  int      `json:"italic"`  // i elements reading "10k", from the long name
	OnAttrs []string `json:"onattrs"` // elements with an on... attribute
	Text    string   `json:"text"`    // the text of the part of the page named
	Values  string   `json:"values"`  // the values of its form fields
}

const domReportJS = `((sel) => {
	const root = document.querySelector(sel) || document.body;
	const fields = [...root.querySelectorAll('input, textarea, select')];
	return {
		scripts: [...document.scripts].map((s) => s.src ? new URL(s.src).pathname : 'inline'),
		images: [...document.querySelectorAll('img')].filter((i) => i.getAttribute('src') === 'x' || /\/x$/.test(i.src)).length,
		bold: [...document.querySelectorAll('b')].filter((e) => e.textContent === 'bold').length,
		italic: [...document.querySelectorAll('i')].filter((e) => e.textContent === '10k').length,
		onattrs: [...document.querySelectorAll('*')].flatMap((e) =>
			[...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => e.tagName + '[' + a.name + ']')),
		text: root.textContent,
		values: fields.map((f) => f.value).join('\n'),
	};
})(%s)`

// shippedScripts lists the script elements of a page as the server sends it.
func shippedScripts(t *testing.T, base, path string) []string {
	t.Helper()
	u, _ := url.Parse(base + path)
	u.RawQuery, u.Fragment = "", ""
	resp, err := http.Get(u.String())
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	html, _ := io.ReadAll(resp.Body)
	var out []string
	for _, m := range scriptTagRe.FindAllStringSubmatch(string(html), -1) {
		if src := regexp.MustCompile(`\bsrc="([^"]+)"`).FindStringSubmatch(m[1]); src != nil {
			out = append(out, src[1])
		} else {
			out = append(out, "inline")
		}
	}
	return out
}

var scriptTagRe = regexp.MustCompile(`(?i)<script\b([^>]*)>`)

// hostileSpot is a part of a page (a CSS selector) and the hostile texts it
// must show literally, in its text or its form fields.
type hostileSpot struct {
	sel  string
	want []string
}

// checkHostilePage waits until each spot shows its texts, then fails the
// test for anything the guard saw or the DOM holds that data could have made.
func checkHostilePage(t *testing.T, ctx context.Context, g *hostileGuard, base, path string, spots ...hostileSpot) {
	t.Helper()
	var r domReport
	for _, s := range spots {
		r = waitSpot(t, ctx, s)
	}
	if len(spots) == 0 {
		r = readDOM(t, ctx, "body")
	}
	if want := shippedScripts(t, base, path); !slices.Equal(r.Scripts, want) {
		t.Errorf("%s has scripts %q; the page ships %q", path, r.Scripts, want)
	}
	if r.Images+r.Bold+r.Italic+len(r.OnAttrs) > 0 {
		t.Errorf("%s holds elements made from data: %d img src=x, %d <b>bold</b>, %d <i>10k</i>, handlers %q",
			path, r.Images, r.Bold, r.Italic, r.OnAttrs)
	}
	for _, s := range g.take() {
		t.Errorf("%s: %s", path, s)
	}
	leaks, err := bidiLeaks(ctx)
	if err != nil {
		t.Fatalf("%s: look for bidi overrides: %v", path, err)
	}
	for _, l := range leaks {
		t.Errorf("%s: a name's right-to-left override runs on past it: %s", path, l)
	}
}

// waitSpot polls a spot until its text or fields hold every wanted text.
func waitSpot(t *testing.T, ctx context.Context, s hostileSpot) domReport {
	t.Helper()
	var r domReport
	var missing []string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(150 * time.Millisecond) {
		var err error
		if r, err = tryReadDOM(ctx, s.sel); err != nil {
			missing = []string{"(" + err.Error() + ")"}
			continue
		}
		if missing = missingTexts(r, s.want); len(missing) == 0 {
			break
		}
	}
	if len(missing) > 0 {
		saveScreen(t, ctx, "missing")
		t.Errorf("%s does not show %q literally; it reads:\n%.1500q", s.sel, missing, r.Text)
	}
	return r
}

func missingTexts(r domReport, want []string) []string {
	var missing []string
	for _, w := range want {
		if !strings.Contains(r.Text, w) && !strings.Contains(r.Values, w) {
			missing = append(missing, w)
		}
	}
	return missing
}

func tryReadDOM(ctx context.Context, sel string) (domReport, error) {
	q, _ := json.Marshal(sel)
	return chromedp.Run(ctx, chromedp.Evaluate[domReport](fmt.Sprintf(domReportJS, q)))
}

func readDOM(t *testing.T, ctx context.Context, sel string) domReport {
	t.Helper()
	r, err := tryReadDOM(ctx, sel)
	if err != nil {
		t.Fatalf("read the page: %v", err)
	}
	return r
}
