package server

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"testing"
)

// console is a signed-in organizer's browser, as far as the API sees it:
// a cookie jar and the CSRF token.
type console struct {
	ts     *testServer
	client *http.Client
	csrf   string
}

func signInConsole(tb testing.TB, ts *testServer, f fixture) *console {
	tb.Helper()
	jar, _ := cookiejar.New(nil)
	c := &console{ts: ts, client: &http.Client{Jar: jar}}
	st, body := c.send(tb, "POST", "/api/session", map[string]string{"name": f.Organizer, "password": f.Password}, false)
	if st != 200 {
		tb.Fatalf("sign in = %d %s", st, body)
	}
	c.csrf = decodeJSON[struct{ CSRF string }](tb, body).CSRF
	return c
}

// send makes a request with the session cookie, and the CSRF header when
// csrf is set. A []byte body is sent as a CSV file, anything else as JSON.
func (c *console) send(tb testing.TB, method, path string, body any, csrf bool) (int, []byte) {
	tb.Helper()
	var rd io.Reader
	ctype := "application/json"
	switch b := body.(type) {
	case nil:
	case []byte:
		rd, ctype = bytes.NewReader(b), "text/csv"
	default:
		j, _ := json.Marshal(b)
		rd = bytes.NewReader(j)
	}
	req, _ := http.NewRequest(method, c.ts.URL+path, rd)
	req.Header.Set("Content-Type", ctype)
	if csrf {
		req.Header.Set("X-CSRF-Token", c.csrf)
	}
	resp, err := c.client.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

// do is a call made as the console page makes it: with the CSRF header.
func (c *console) do(tb testing.TB, method, path string, body any) (int, []byte) {
	tb.Helper()
	return c.send(tb, method, path, body, true)
}

// must is do, failing the test unless the status is want.
func (c *console) must(tb testing.TB, want int, method, path string, body any) []byte {
	tb.Helper()
	st, out := c.do(tb, method, path, body)
	if st != want {
		tb.Fatalf("%s %s = %d %s, want %d", method, path, st, out, want)
	}
	return out
}
