//go:build linux

package server

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A small W3C WebDriver client (https://www.w3.org/TR/webdriver2/): only the
// commands the WebKit tests use, each a JSON request to the driver.

// elementKey names an element reference in W3C WebDriver answers.
const elementKey = "element-6066-11e4-a52e-4f735466cecf"

// wdEnter is the Enter key in WebDriver's key codes.
const wdEnter = "\uE007"

// wkSession is one WebDriver session of MiniBrowser.
type wkSession struct {
	tb  testing.TB
	ctx context.Context
	url string // the driver's address and /session/{id}
}

// openWebKitSession asks the driver for a session of MiniBrowser in
// automation mode and deletes it at cleanup; insecure: it accepts every
// certificate, of every origin (acceptInsecureCerts).
func openWebKitSession(tb testing.TB, ctx context.Context, driver, browser string, insecure bool) *wkSession {
	tb.Helper()
	caps := map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"acceptInsecureCerts": insecure,
		// WebKit's own: WebKitGTK's driver is told which browser to start,
		// and MiniBrowser obeys a driver only in automation mode.
		"webkitgtk:browserOptions": map[string]any{"binary": browser, "args": []string{"--automation"}},
	}}}
	s := &wkSession{tb: tb, ctx: ctx, url: driver}
	var created struct{ SessionID string }
	if err := s.try("POST", "/session", caps, &created); err != nil {
		tb.Fatalf("new WebKit session: %v", err)
	}
	s.url = driver + "/session/" + created.SessionID
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		(&wkSession{tb: tb, ctx: ctx, url: s.url}).try("DELETE", "", nil, nil)
	})
	return s
}

// in is the same session seen from tb, a subtest: a step that fails ends
// the subtest, as steps(t, ctx) does in a Chromium subtest.
func (s *wkSession) in(tb testing.TB) *wkSession {
	c := *s
	c.tb = tb
	return &c
}

// try sends one command and decodes the answer's value into out, if given.
func (s *wkSession) try(method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		j, err := json.Marshal(body)
		if err != nil {
			return fmt.Errorf("encode %s: %w", path, err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequestWithContext(s.ctx, method, s.url+path, rd)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	var answer struct{ Value json.RawMessage }
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		return fmt.Errorf("%s %s: decode: %w", method, path, err)
	}
	if resp.StatusCode != http.StatusOK {
		e := &wdError{What: method + " " + path, Status: resp.StatusCode}
		json.Unmarshal(answer.Value, e)
		return e
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(answer.Value, out)
}

// must sends one command and fails the test when it fails.
func (s *wkSession) must(method, path string, body, out any) {
	s.tb.Helper()
	if err := s.try(method, path, body, out); err != nil {
		s.screenshot("failed")
		s.tb.Fatal(err)
	}
}

// navigate opens url and waits for the page to load.
func (s *wkSession) navigate(url string) {
	s.tb.Helper()
	s.must("POST", "/url", map[string]string{"url": url}, nil)
}

// click clicks the element matching css, as a person would.
func (s *wkSession) click(css string) {
	s.tb.Helper()
	s.onElement(css, "/click", map[string]any{})
}

// sendKeys focuses the element matching css and types text into it.
func (s *wkSession) sendKeys(css, text string) {
	s.tb.Helper()
	s.onElement(css, "/value", map[string]string{"text": text})
}

// onElement sends one element command to the first element matching css.
// While that element is missing, hidden or covered the command is tried
// again, as chromedp's steps wait for an element to show: on a loaded
// machine a sheet may still be opening when the test's next step comes.
func (s *wkSession) onElement(css, command string, body any) {
	s.tb.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		var el map[string]string
		err := s.try("POST", "/element", map[string]string{"using": "css selector", "value": css}, &el)
		if err == nil {
			err = s.try("POST", "/element/"+el[elementKey]+command, body, nil)
		}
		if err == nil {
			return
		}
		var wd *wdError
		if !errors.As(err, &wd) || !wd.notYet() || time.Now().After(deadline) || s.ctx.Err() != nil {
			s.screenshot("failed")
			s.tb.Fatalf("%s on %s: %v", command, css, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// wdError is an error the driver answered, with its W3C error code.
type wdError struct {
	What    string // the command
	Status  int
	Code    string `json:"error"`
	Message string
}

func (e *wdError) Error() string {
	return fmt.Sprintf("webdriver %s: %d %s: %s", e.What, e.Status, e.Code, e.Message)
}

// notYet is true for the errors of a command whose element is not there,
// not shown or covered yet: the command did nothing, and may be tried again.
func (e *wdError) notYet() bool {
	switch e.Code {
	case "no such element", "element not interactable", "element click intercepted", "stale element reference":
		return true
	}
	return false
}

// typeKeys types text into whatever has the focus, key after key with no
// pause, as a hardware scanner does.
func (s *wkSession) typeKeys(text string) {
	s.tb.Helper()
	var keys []map[string]string
	for _, r := range text {
		keys = append(keys, map[string]string{"type": "keyDown", "value": string(r)},
			map[string]string{"type": "keyUp", "value": string(r)})
	}
	s.must("POST", "/actions", map[string]any{"actions": []map[string]any{
		{"type": "key", "id": "scanner", "actions": keys}}}, nil)
	s.must("DELETE", "/actions", nil, nil)
}

// wkEval evaluates a JavaScript expression in the page; a promise is awaited.
func wkEval[T any](s *wkSession, expr string) T {
	s.tb.Helper()
	var v T
	s.must("POST", "/execute/sync", map[string]any{"script": "return (" + expr + ");", "args": []any{}}, &v)
	return v
}

// resize makes the page itself, not the window around it, w by h CSS pixels.
// WebKit's own: MiniBrowser's window has a toolbar and borders, so the
// window is grown by what the page lacks.
func (s *wkSession) resize(w, h int) {
	s.tb.Helper()
	for range 3 {
		inner := wkEval[[]int](s, `[window.innerWidth, window.innerHeight]`)
		if inner[0] == w && inner[1] == h {
			return
		}
		var rect struct{ Width, Height int }
		s.must("GET", "/window/rect", nil, &rect)
		s.must("POST", "/window/rect", map[string]int{"width": rect.Width + w - inner[0], "height": rect.Height + h - inner[1]}, nil)
		s.waitResized(inner)
	}
	if inner := wkEval[[]int](s, `[window.innerWidth, window.innerHeight]`); inner[0] != w {
		s.tb.Fatalf("page is %v wide and high, want %dx%d", inner, w, h)
	}
}

// waitResized waits, for at most 3 s, until the page is no longer old wide
// and high. WebKit's own: the driver answers once the window has its new
// size, a moment before the page learns it; a size read in between would
// size the window from the window's new width and the page's old one.
func (s *wkSession) waitResized(old []int) {
	s.tb.Helper()
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if inner := wkEval[[]int](s, `[window.innerWidth, window.innerHeight]`); inner[0] != old[0] || inner[1] != old[1] {
			return
		}
	}
}

// screenshot saves what the page shows as a PNG under $PRESENTE_SCREENSHOTS,
// when set, named after the test, as the Chromium tests' saveShot does.
func (s *wkSession) screenshot(name string) {
	s.tb.Helper()
	dir := os.Getenv("PRESENTE_SCREENSHOTS")
	if dir == "" {
		return
	}
	if err := s.saveShot(dir, fmt.Sprintf("%s-%s", strings.ReplaceAll(s.tb.Name(), "/", "_"), name)); err != nil {
		s.tb.Logf("screenshot %s: %v", name, err)
	}
}

func (s *wkSession) saveShot(dir, name string) error {
	// WebKit's own: its driver can capture the last frame painted before
	// the DOM's latest change, so wait for two frames to be painted first.
	s.try("POST", "/execute/async", map[string]any{"args": []any{},
		"script": "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));"}, nil)
	var b64 string
	if err := s.try("GET", "/screenshot", nil, &b64); err != nil {
		return err
	}
	png, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return fmt.Errorf("decode screenshot: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
}

// wait polls a JavaScript condition in the page until it holds, within a
// generous deadline (the machine is shared), and returns how long it took.
// An error while polling, as when the page replaces itself, means polling
// again.
func (s *wkSession) wait(what, expr string) time.Duration {
	s.tb.Helper()
	start := time.Now()
	deadline := start.Add(45 * time.Second)
	var err error
	for time.Now().Before(deadline) && s.ctx.Err() == nil {
		var ok bool
		err = s.try("POST", "/execute/sync", map[string]any{"script": "return !!(" + expr + ");", "args": []any{}}, &ok)
		if err == nil && ok {
			return time.Since(start)
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.screenshot("timeout")
	var page string
	s.try("POST", "/execute/sync", map[string]any{"script": "return document.body.innerText.slice(0, 2000);", "args": []any{}}, &page)
	s.tb.Fatalf("waiting for %s (%s): last error %v\npage text:\n%s", what, expr, err, page)
	return 0
}

// text reads what the element matching css says as textOf does: every run
// of white space read as one space, without the marks that isolate names.
func (s *wkSession) text(css string) string {
	s.tb.Helper()
	text := wkEval[string](s, `document.querySelector(`+jsString(css)+`).textContent`)
	return strings.Join(strings.Fields(strings.NewReplacer("\u2068", "", "\u2069", "").Replace(text)), " ")
}

// waitText polls, as waitText does, until the element's text holds want,
// for at most d; it returns the last text read.
func (s *wkSession) waitText(css, want string, d time.Duration) (string, bool) {
	s.tb.Helper()
	got := ""
	for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if got = s.text(css); strings.Contains(got, want) {
			return got, true
		}
	}
	return got, false
}

// waitVisible waits until an element matching css is on the page and shown,
// as chromedp.WaitVisible does.
func (s *wkSession) waitVisible(css string) {
	s.tb.Helper()
	s.wait(css+" to show", `((e) => e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')(document.querySelector(`+jsString(css)+`))`)
}
