package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// dialStatus tries to open the live WebSocket with a token and returns the
// HTTP status it was answered with (101 when it opened).
func dialStatus(t *testing.T, ts *testServer, action int64, token string) (int, *websocket.Conn) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	url := strings.Replace(ts.URL, "http://", "ws://", 1) + fmt.Sprintf("/api/actions/%d/live?token=%s", action, token)
	conn, resp, err := websocket.Dial(ctx, url, nil)
	if err != nil {
		if resp == nil {
			t.Fatalf("dial live: %v", err)
		}
		return resp.StatusCode, nil
	}
	t.Cleanup(func() { conn.CloseNow() })
	return http.StatusSwitchingProtocols, conn
}

// TestLiveSocketsCappedPerToken: one display token opens 20 live sockets;
// the 21st is refused with 429 until one of the others closes.
func TestLiveSocketsCappedPerToken(t *testing.T) {
	ts, log := newLoggedServer(t)
	f := ts.seed(t)
	var first *wsClient
	for i := range DefaultSocketsPerToken {
		c := dialLive(t, ts, f.Action, f.Display)
		if i == 0 {
			first = c
		}
	}
	if st, _ := dialStatus(t, ts, f.Action, f.Display); st != http.StatusTooManyRequests {
		t.Fatalf("socket %d of one display token = %d, want 429", DefaultSocketsPerToken+1, st)
	}
	log.wantEvent(t, evSocketCap, "127.0.0.1")
	if st, _ := dialStatus(t, ts, f.Action, f.Door); st != http.StatusSwitchingProtocols {
		t.Errorf("a door's socket beside them = %d, want 101", st)
	}
	first.conn.Close(websocket.StatusNormalClosure, "bye")
	deadline := time.Now().Add(5 * time.Second)
	for st, _ := dialStatus(t, ts, f.Action, f.Display); st != http.StatusSwitchingProtocols; st, _ = dialStatus(t, ts, f.Action, f.Display) {
		if time.Now().After(deadline) {
			t.Fatalf("after one closed, a new socket = %d, want 101", st)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestLiveSocketsCappedPerAddress: one address, this machine included,
// opens at most so many live sockets, whatever the tokens.
func TestLiveSocketsCappedPerAddress(t *testing.T) {
	ts := startTestServerWith(t, Config{SocketsPerAddress: 3})
	f := ts.seed(t)
	for _, token := range []string{f.Display, f.Door, f.Door2} {
		dialLive(t, ts, f.Action, token)
	}
	if st, _ := dialStatus(t, ts, f.Action, f.Display); st != http.StatusTooManyRequests {
		t.Errorf("a 4th socket from 127.0.0.1 = %d, want 429", st)
	}
}

// awaitSocketClosed reads until the server closes the socket, within 5 seconds.
func awaitSocketClosed(t *testing.T, conn *websocket.Conn, who string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for {
		_, _, err := conn.Read(ctx)
		if err == nil {
			continue
		}
		if errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil {
			t.Errorf("%s: the socket was still open 5 s after its credential ended", who)
		}
		return
	}
}

// TestSocketsCloseWhenTheirCredentialEnds: a door revoked by an organizer,
// a display revoked from the shell (another process) and an organizer who
// signs out lose their open live sockets within 5 seconds; the others keep
// theirs.
func TestSocketsCloseWhenTheirCredentialEnds(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	org := signInConsole(t, ts, f)
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	door := dialLive(t, ts, f.Action, f.Door)
	display := dialLive(t, ts, f.Action, f.Display)
	other := decodeJSON[struct{ Token string }](t, org.must(t, 201, "POST", a+"/displays", nil))
	stays := dialLive(t, ts, f.Action, other.Token)
	organizer := dialOrganizer(t, ts, f)

	doors, _ := ts.Store().Doors(t.Context(), f.Action)
	org.must(t, 204, "POST", fmt.Sprintf("%s/doors/%d/revoke", a, doors[0].ID), nil)
	awaitSocketClosed(t, door.conn, "revoked door")

	displays, _ := ts.Store().Displays(t.Context(), f.Action)
	if err := ts.Store().RevokeDisplay(t.Context(), f.Action, displays[0].ID); err != nil {
		t.Fatal(err)
	}
	awaitSocketClosed(t, display.conn, "display revoked from the shell")

	signOut := signInConsole(t, ts, f)
	organizer = dialOrganizerAs(t, ts, signOut)
	signOut.must(t, 204, "DELETE", "/api/session", nil)
	awaitSocketClosed(t, organizer, "signed-out organizer")

	ts.call(t, "POST", a+"/checkins", f.Door2, map[string]string{"id": "stay-0001", "code": f.Codes["Iglesia San José"][0]})
	stays.follow(t, stays.snap.Seq+1)
}

// dialOrganizer opens the live socket with a fresh organizer session.
func dialOrganizer(t *testing.T, ts *testServer, f fixture) *websocket.Conn {
	t.Helper()
	return dialOrganizerAs(t, ts, signInConsole(t, ts, f))
}

// dialOrganizerAs opens the live socket with a console's session cookie.
func dialOrganizerAs(t *testing.T, ts *testServer, org *console) *websocket.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	base := strings.Replace(ts.URL, "http://", "ws://", 1)
	u, _ := http.NewRequest("GET", ts.URL, nil)
	h := http.Header{}
	for _, c := range org.client.Jar.Cookies(u.URL) {
		h.Add("Cookie", c.String())
	}
	conn, _, err := websocket.Dial(ctx, base+"/api/actions/1/live", &websocket.DialOptions{HTTPHeader: h})
	if err != nil {
		t.Fatalf("dial live as an organizer: %v", err)
	}
	conn.SetReadLimit(1 << 20)
	t.Cleanup(func() { conn.CloseNow() })
	return conn
}
