package server

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestSecurityLogRingKeepsTheLast(t *testing.T) {
	var l securityLog
	for i := range securityKept + 5 {
		l.add(securityEvent{At: time.Unix(int64(i), 0), Event: fmt.Sprint(i)})
	}
	got := l.last(3)
	want := []string{fmt.Sprint(securityKept + 4), fmt.Sprint(securityKept + 3), fmt.Sprint(securityKept + 2)}
	if len(got) != 3 || got[0].Event != want[0] || got[1].Event != want[1] || got[2].Event != want[2] {
		t.Errorf("last(3) = %+v, want events %v", got, want)
	}
	if n := len(l.last(1000)); n != securityKept {
		t.Errorf("the ring holds %d events, want %d", n, securityKept)
	}
}

// TestSecurityEventsShownToOrganizers: what the log warns of, an organizer
// reads from the API, newest first.
func TestSecurityEventsShownToOrganizers(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	signInAs(t, ts, "127.0.0.7", f.Organizer, "not the password")
	org := signInConsole(t, ts, f)
	body := org.must(t, 200, "GET", "/api/security/events", nil)
	got := decodeJSON[struct{ Events []securityEvent }](t, body)
	if len(got.Events) != 1 || got.Events[0].Event != evSignInFailed || got.Events[0].Remote != "127.0.0.7" ||
		got.Events[0].Path != "/api/session" {
		t.Errorf("security events = %s, want the one failed sign-in from 127.0.0.7", body)
	}
}

// TestNoSecretsInTheLog: tokens sent where they do not belong, in a query
// string or a header, never reach the log; a path is logged without its
// query.
func TestNoSecretsInTheLog(t *testing.T) {
	ts, log := newLoggedServer(t)
	f := ts.seed(t)
	unknown := "disp_" + strings.Repeat("z", 32)
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	ts.call(t, "GET", a+"/turnout?token="+f.Door+"&code=SECRETCODE", unknown, nil)
	callHost(t, ts.URL+a+"/turnout?token="+f.Display, "127.0.0.1", "GET", "rebind.example", "", nil)
	ts.call(t, "GET", a+"/live?token="+unknown, "", nil)
	text := log.String()
	if len(log.events(evTokenUnknown)) == 0 || len(log.events(evHost)) == 0 {
		t.Fatalf("the refusals were not logged:\n%s", text)
	}
	for _, secret := range []string{unknown, f.Door, f.Display, "SECRETCODE", "token="} {
		if strings.Contains(text, secret) {
			t.Errorf("the log holds %q:\n%s", secret, text)
		}
	}
}
