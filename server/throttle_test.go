package server

import (
	"fmt"
	"net/http"
	"testing"
)

func TestDoorRateLimit(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	lan := fromLAN()
	get := func(token string) *http.Response {
		req, _ := http.NewRequest("GET", fmt.Sprintf("%s/api/actions/%d/turnout", ts.URL, f.Action), nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := lan.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	for i := range perToken {
		if resp := get(f.Door); resp.StatusCode != 200 {
			t.Fatalf("request %d within the limit = %d", i+1, resp.StatusCode)
		}
	}
	resp := get(f.Door)
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Errorf("request past the limit = %d, Retry-After %q; want 429 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if resp := get(f.Door2); resp.StatusCode != 200 {
		t.Errorf("another door from the same address = %d, want 200", resp.StatusCode)
	}
	if status, _ := ts.call(t, "GET", fmt.Sprintf("/api/actions/%d/turnout", f.Action), f.Door, nil); status != 200 {
		t.Errorf("the door from this machine = %d, want 200: the server's own machine is not limited", status)
	}
}
