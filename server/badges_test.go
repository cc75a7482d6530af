package server

import (
	"bytes"
	"fmt"
	"testing"

	"presente/server/store"
)

func TestBadgeDownloadsAndReissue(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	org := signInConsole(t, ts, f)
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	inst := f.Institutions["Centro El Puente"]
	for _, path := range []string{a + "/badges.pdf", a + "/badges.pdf?layout=card", fmt.Sprintf("%s/badges.pdf?institution=%d", a, inst)} {
		status, body := org.send(t, "GET", path, nil, false)
		if status != 200 || !bytes.HasPrefix(body, []byte("%PDF-")) {
			t.Errorf("GET %s = %d, %d bytes; want a PDF", path, status, len(body))
		}
	}
	if status, body := org.send(t, "GET", a+"/badges.pdf?layout=poster", nil, false); status != 400 || errCode(body) != "invalid_layout" {
		t.Errorf("unknown layout = %d %s, want 400 invalid_layout", status, body)
	}
	for _, token := range []string{f.Door, f.Display} {
		if status, _ := ts.call(t, "GET", a+"/badges.pdf", token, nil); status != 403 {
			t.Errorf("badges with a %s token = %d, want 403", token[:4], status)
		}
	}
	leaders, err := ts.Store().BadgeLeaders(t.Context(), storeFilter(inst))
	if err != nil || len(leaders) != 3 {
		t.Fatalf("BadgeLeaders = %d, %v; want 3", len(leaders), err)
	}
	old := leaders[0]
	if status, _ := org.send(t, "GET", fmt.Sprintf("%s/leaders/%d/badge.pdf", a, old.ID), nil, false); status != 200 {
		t.Errorf("one leader's badge = %d, want 200", status)
	}
	status, body := org.send(t, "POST", fmt.Sprintf("/api/leaders/%d/reissue", old.ID), nil, true)
	if status != 200 {
		t.Fatalf("reissue = %d %s", status, body)
	}
	fresh := decodeJSON[struct{ Code string }](t, body).Code
	status, body = ts.call(t, "POST", a+"/checkins", f.Door, map[string]string{"id": "reiss-0001", "code": old.Code})
	if status != 410 || errCode(body) != "revoked_badge" {
		t.Errorf("old code after reissue = %d %s, want 410 revoked_badge", status, body)
	}
	if status, body := ts.call(t, "POST", a+"/checkins", f.Door, map[string]string{"id": "reiss-0002", "code": fresh}); status != 201 {
		t.Errorf("new code = %d %s, want 201", status, body)
	}
}

// storeFilter is the badge filter for one institution.
func storeFilter(inst int64) store.BadgeFilter { return store.BadgeFilter{Institution: inst} }
