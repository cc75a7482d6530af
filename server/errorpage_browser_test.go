package server

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestErrorPageForAPersonsOwnNavigation: an API address opened in the
// browser's window while signed out, or a mistyped path, shows a page in
// Spanish with a way on (before: the server's JSON, in English); a page's
// own calls, and a program's, still get JSON.
func TestErrorPageForAPersonsOwnNavigation(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	csv := fmt.Sprintf("/api/actions/%d/attendance.csv?lang=es", f.Action)
	for _, tc := range []struct {
		name, mode, accept, wantType string
	}{
		{"a navigation", "navigate", "text/html,application/xhtml+xml,*/*;q=0.8", "text/html"},
		{"a page's fetch", "cors", "application/json", "application/json"},
		{"a program", "", "", "application/json"},
		{"an old browser's navigation", "", "text/html,*/*;q=0.8", "text/html"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", ts.URL+csv, nil)
			if tc.mode != "" {
				req.Header.Set("Sec-Fetch-Mode", tc.mode)
			}
			if tc.accept != "" {
				req.Header.Set("Accept", tc.accept)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 401 || !strings.HasPrefix(resp.Header.Get("Content-Type"), tc.wantType) {
				t.Errorf("= %d %s, want 401 %s", resp.StatusCode, resp.Header.Get("Content-Type"), tc.wantType)
			}
			if tc.wantType == "text/html" && !strings.Contains(string(body), `content="unauthorized"`) {
				t.Errorf("the page does not carry the code: %s", body)
			}
		})
	}

	ctx := newBrowser(t)
	atWidth(t, ctx, 360)
	for _, tc := range []struct{ path, want, shot string }{
		{csv, "No autorizado", "signed-out"},
		{"/consola/", "Esta dirección no existe", "mistyped"},
	} {
		steps(t, ctx, chromedp.Navigate(ts.URL+tc.path))
		waitPage(t, ctx, fmt.Sprintf(`document.getElementById('what')?.textContent.includes(%q)`, tc.want), tc.want)
		saveShot(t, ctx, "error-page-360-"+tc.shot)
	}
	steps(t, ctx, chromedp.Click(chromedp.CSS("#lang")))
	waitPage(t, ctx, `document.getElementById('what').textContent.includes('does not exist')`, "the page in English")
}
