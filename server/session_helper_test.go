package server

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"testing"
)

// organizerSession is a signed-in organizer: a cookie jar and a CSRF token.
type organizerSession struct {
	ts     *testServer
	client *http.Client
	csrf   string
}

func newSession(tb testing.TB, ts *testServer, f fixture) *organizerSession {
	tb.Helper()
	jar, _ := cookiejar.New(nil)
	s := &organizerSession{ts: ts, client: &http.Client{Jar: jar}}
	status, body := s.do(tb, "POST", "/api/session", map[string]string{"name": f.Organizer, "password": f.Password}, false)
	if status != 200 {
		tb.Fatalf("sign in = %d %s", status, body)
	}
	s.csrf = decodeJSON[struct{ CSRF string }](tb, body).CSRF
	return s
}

func (s *organizerSession) do(tb testing.TB, method, path string, body any, withCSRF bool) (int, []byte) {
	tb.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, s.ts.URL+path, rd)
	req.Header.Set("Content-Type", "application/json")
	if withCSRF {
		req.Header.Set("X-CSRF-Token", s.csrf)
	}
	resp, err := s.client.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}
