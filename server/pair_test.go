package server

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"presente/server/store"
)

type pairingAnswer struct {
	Door struct {
		ID   int64
		Name string
	}
	Code, URL, QR string
	Expires       time.Time `json:"expires_at"`
}

func (ts *testServer) pair(tb testing.TB, org *console, path string, body any) pairingAnswer {
	tb.Helper()
	status, out := org.send(tb, "POST", path, body, true)
	if status != 201 {
		tb.Fatalf("POST %s = %d %s", path, status, out)
	}
	return decodeJSON[pairingAnswer](tb, out)
}

func (ts *testServer) claim(tb testing.TB, code string) (int, string, string) {
	tb.Helper()
	status, body := ts.call(tb, "POST", "/pair/claim", "", map[string]string{"code": code})
	tok := decodeJSON[struct{ Token string }](tb, body).Token
	return status, tok, errCode(body)
}

// TestPairClaimOnce: an organizer's pairing link gives a phone its own door
// token once; a second claim and an unknown code are refused with stable
// codes.
func TestPairClaimOnce(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	org := signInConsole(t, ts, f)
	a := fmt.Sprintf("/api/actions/%d", f.Action)

	p := ts.pair(t, org, a+"/pairings", map[string]string{"name": "Puerta este"})
	if p.Door.Name != "Puerta este" || len(p.Code) != 20 || p.QR == "" || time.Until(p.Expires) > store.PairingTTL {
		t.Fatalf("pairing answer: %+v", p)
	}
	status, token, _ := ts.claim(t, p.Code)
	if status != 200 || token == "" {
		t.Fatalf("claim = %d, token %q", status, token)
	}
	if status, body := ts.call(t, "GET", "/api/session", token, nil); status != 200 || decodeJSON[struct{ Door store.Door }](t, body).Door.Name != "Puerta este" {
		t.Errorf("the new token is not the door: %d %s", status, body)
	}
	if status, _, code := ts.claim(t, p.Code); status != 410 || code != "pairing_used" {
		t.Errorf("second claim = %d %s, want 410 pairing_used", status, code)
	}
	for _, code := range []string{"", "NOPE", p.Code + "X"} {
		if status, _, got := ts.claim(t, code); status != 404 || got != "pairing_unknown" {
			t.Errorf("claim %q = %d %s, want 404 pairing_unknown", code, status, got)
		}
	}
}

// TestPairAgainAndRevoke: a newer link replaces an older one; re-pairing
// moves the door to the new phone and the old token stops working; a
// revoked door cannot be paired and its phone is told so.
func TestPairAgainAndRevoke(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	org := signInConsole(t, ts, f)
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	p := ts.pair(t, org, a+"/pairings", map[string]string{"name": "Puerta este"})
	_, token, _ := ts.claim(t, p.Code)
	again := fmt.Sprintf("%s/doors/%d/pairing", a, p.Door.ID)
	old := ts.pair(t, org, again, struct{}{})
	newer := ts.pair(t, org, again, struct{}{})
	if status, _, code := ts.claim(t, old.Code); status != 410 || code != "pairing_used" {
		t.Errorf("replaced link = %d %s, want 410 pairing_used", status, code)
	}
	status, token2, _ := ts.claim(t, newer.Code)
	if status != 200 {
		t.Fatalf("re-pair claim = %d", status)
	}
	if status, _ := ts.call(t, "GET", "/api/session", token, nil); status != 401 {
		t.Errorf("the door's previous phone still works: %d", status)
	}
	if status, _ := ts.call(t, "GET", "/api/session", token2, nil); status != 200 {
		t.Errorf("the door's new phone does not work: %d", status)
	}

	last := ts.pair(t, org, again, struct{}{})
	if status, _ := org.send(t, "POST", fmt.Sprintf("%s/doors/%d/revoke", a, p.Door.ID), nil, true); status != 204 {
		t.Fatalf("revoke = %d", status)
	}
	if status, _, code := ts.claim(t, last.Code); status != 401 || code != "door_revoked" {
		t.Errorf("claim for a revoked door = %d %s, want 401 door_revoked", status, code)
	}
	if status, out := org.send(t, "POST", again, struct{}{}, true); status != 401 || errCode(out) != "door_revoked" {
		t.Errorf("pairing a revoked door = %d %s", status, out)
	}
	if status, body := ts.call(t, "GET", "/api/session", token2, nil); status != 401 || errCode(body) != "door_revoked" {
		t.Errorf("revoked door's next request = %d %s, want 401 door_revoked", status, body)
	}
}

// TestPairExpires: a link older than ten minutes is refused.
func TestPairExpires(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	org := signInConsole(t, ts, f)
	p := ts.pair(t, org, fmt.Sprintf("/api/actions/%d/pairings", f.Action), map[string]string{"name": "Puerta tarde"})
	later, err := store.Open(context.Background(), filepath.Join(ts.Dir, "presente.db"),
		store.Options{Now: func() time.Time { return time.Now().Add(store.PairingTTL + time.Second) }})
	if err != nil {
		t.Fatal(err)
	}
	defer later.Close()
	if _, _, err := later.ClaimPairing(context.Background(), p.Code); err != store.ErrPairingExpired {
		t.Errorf("claim after ten minutes: %v, want ErrPairingExpired", err)
	}
	if status, _, _ := ts.claim(t, p.Code); status != 200 {
		t.Errorf("claim in time after an expired try = %d, want 200", status)
	}
}

// TestPairAccess: only organizers make pairing links; doors and displays
// may not, nor may anyone for another action's door.
func TestPairAccess(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	org := signInConsole(t, ts, f)
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	for _, tok := range []string{f.Door, f.Display, ""} {
		if status, _ := ts.call(t, "POST", a+"/pairings", tok, `{"name":"x"}`); status != 401 && status != 403 {
			t.Errorf("pairing with token %.5q = %d, want 401 or 403", tok, status)
		}
	}
	doors, _ := ts.Store().Doors(context.Background(), f.Other)
	if status, _ := org.send(t, "POST", fmt.Sprintf("%s/doors/%d/pairing", a, doors[0].ID), struct{}{}, true); status != 404 {
		t.Errorf("pairing another action's door through this one = %d, want 404", status)
	}
	if status, _ := org.send(t, "POST", a+"/pairings", map[string]string{"name": " "}, true); status != 400 {
		t.Errorf("pairing a door without a name = %d, want 400", status)
	}
}

// TestPairingRefusalsLogged: a pairing code tried after it was used, or one
// that matches nothing, is a security log line, without the code.
func TestPairingRefusalsLogged(t *testing.T) {
	ts, log := newLoggedServer(t)
	f := ts.seed(t)
	org := signInConsole(t, ts, f)
	p := ts.pair(t, org, fmt.Sprintf("/api/actions/%d/pairings", f.Action), map[string]string{"name": "Puerta este"})
	ts.claim(t, p.Code)
	ts.claim(t, p.Code)
	ts.claim(t, "NOPE")
	lines := log.events(evPairing)
	if len(lines) != 2 || lines[0]["detail"] != "used" || lines[1]["detail"] != "unknown" {
		t.Errorf("pairing lines = %v, want used, then unknown", lines)
	}
	log.wantEvent(t, evPairing, "127.0.0.1")
	if strings.Contains(log.String(), p.Code) {
		t.Error("the log holds a pairing code")
	}
}
