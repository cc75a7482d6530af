package server

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"presente/server/peer"
)

// venuePair is a venue's primary and its standby, linked on loopback, each
// announcing the origin phones open it at: its test address, or the HTTPS
// address serve gave it.
type venuePair struct {
	primary, standby *testServer
	node             *peer.Node // the primary's
	leaf             string     // where the primary accepts its standby
	// serve, when not nil, serves a node also at origin ("" for a new
	// address) and returns that origin; primaryAt and standbyAt are the
	// origins phones open each at.
	serve                func(tb testing.TB, ts *testServer, origin string) string
	primaryAt, standbyAt string
}

// startVenuePair starts a primary from a fresh seed and a standby from a
// copy of its database, links them, and waits until each knows the other's
// address.
func startVenuePair(tb testing.TB) (*venuePair, fixture) {
	tb.Helper()
	return startVenuePairServed(tb, nil)
}

// startVenuePairServed is startVenuePair with each node also served by
// serve, when not nil, and known to the other by the origin serve gave it.
func startVenuePairServed(tb testing.TB, serve func(testing.TB, *testServer, string) string) (*venuePair, fixture) {
	tb.Helper()
	vp := &venuePair{primary: newTestServer(tb), serve: serve}
	f := vp.primary.seed(tb)
	vp.standby = startTestServer(tb, copyData(tb, vp.primary))
	vp.primaryAt, vp.standbyAt = vp.primary.URL, vp.standby.URL
	if serve != nil {
		vp.primaryAt, vp.standbyAt = serve(tb, vp.primary, ""), serve(tb, vp.standby, "")
	}
	ctx := context.Background()
	secret, err := vp.primary.Store().AddPeer(ctx, "standby")
	if err == nil {
		err = vp.primary.Store().SetStandby(ctx, "standby", true)
	}
	if err != nil {
		tb.Fatal(err)
	}
	vp.startPrimaryNode(tb, "127.0.0.1:0")
	cert := nodeCert(tb, vp.primary)
	link := peer.Link{Addr: vp.leaf, Parent: "primary", Name: "standby", Secret: secret,
		Fingerprint: peer.NormalizeFingerprint(cert.Fingerprint)}
	startNode(tb, vp.standby, peer.Config{Name: "standby", Dir: filepath.Join(vp.standby.Dir, "nats"), Join: &link,
		Origins: []string{vp.standbyAt}})
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if vp.standby.venue.allows(vp.primaryAt) && vp.primary.venue.allows(vp.standbyAt) {
			return vp, f
		}
		if time.Now().After(deadline) {
			tb.Fatal("the primary and its standby did not learn each other's address")
		}
	}
}

func (vp *venuePair) startPrimaryNode(tb testing.TB, listen string) {
	tb.Helper()
	cert := nodeCert(tb, vp.primary)
	vp.node = startNode(tb, vp.primary, peer.Config{Name: "primary", Dir: filepath.Join(vp.primary.Dir, "nats"),
		Listen: listen, Cert: cert.TLS, Origins: []string{vp.primaryAt}})
	vp.leaf = vp.node.LeafAddr()
}

// stopPrimary stops the primary, its node first, as a laptop shut down.
func (vp *venuePair) stopPrimary(tb testing.TB) {
	tb.Helper()
	vp.node.Close()
	vp.primary.stop(tb)
}

// restartPrimary serves the primary's data folder again at its address
// (and its origin) and links it again at its leaf address.
func (vp *venuePair) restartPrimary(tb testing.TB) {
	tb.Helper()
	vp.primary = restartServer(tb, vp.primary, nil)
	if vp.serve != nil {
		vp.serve(tb, vp.primary, vp.primaryAt)
	}
	vp.startPrimaryNode(tb, vp.leaf)
}

// scanAt types codes into the scanner and waits until none is unsent.
func scanAt(tb testing.TB, ctx context.Context, codes []string) {
	tb.Helper()
	for _, code := range codes {
		steps(tb, ctx, chromedp.SendKeys(chromedp.ID("code"), code+kb.Enter))
		waitPage(tb, ctx, `document.getElementById('answer').dataset.kind === 'ok'`, "a green answer")
	}
	waitPage(tb, ctx, `document.getElementById('unsent').dataset.count === '0'`, "every scan acknowledged")
}

// missing checks over raw SQL that the node's database holds each of codes
// checked in once at action, and no client id twice: it answers what is
// wrong, "" when nothing is.
func missing(tb testing.TB, ts *testServer, action int64, codes []string) string {
	tb.Helper()
	db := openDB(tb, ts.Store().Path(), true)
	defer db.Close()
	var out []string
	for _, code := range codes {
		var n int
		db.QueryRow(`SELECT count(*) FROM checkins c JOIN leaders l ON l.id = c.leader_id
			WHERE c.action_id = ? AND l.code = ? AND c.undone_at IS NULL`, action, code).Scan(&n)
		if n != 1 {
			out = append(out, fmt.Sprintf("%s counted %d times", code, n))
		}
	}
	var rows, dupes int
	db.QueryRow(`SELECT count(*) FROM checkins WHERE action_id = ? AND undone_at IS NULL`, action).Scan(&rows)
	db.QueryRow(`SELECT count(*) FROM (SELECT client_id FROM checkins GROUP BY client_id HAVING count(*) > 1)`).Scan(&dupes)
	if rows != len(codes) || dupes != 0 {
		out = append(out, fmt.Sprintf("%d check-ins counted, want %d; %d client ids twice", rows, len(codes), dupes))
	}
	return strings.Join(out, "; ")
}

// TestDoorFailsOverToTheStandby: a door paired at a venue's primary scans
// there; the primary stops, and the door's next scans go, by themselves,
// to the standby, which acknowledges them; the scanner says so in small
// words. The primary comes back, the door returns to it, and both nodes
// hold every scan once.
func TestDoorFailsOverToTheStandby(t *testing.T) {
	vp, f := startVenuePair(t)
	ctx := newPhone(t)
	openScanner(t, ctx, vp.primary.URL, f.Door)
	waitPage(t, ctx, `window.presenteScanner.venue.standby.length === 1`, "the door to learn the standby's address")
	waitPage(t, ctx, `window.presenteScanner.venue.standbyURL() === '`+vp.standby.URL+`'`, "the standby as the door's second address")
	time.Sleep(500 * time.Millisecond) // the door's check that it reaches the standby
	if pageEval[bool](t, ctx, `!document.getElementById('standby-note').classList.contains('hidden')`) {
		t.Error("the door says it cannot reach a standby it can reach")
	}
	codes := slices.Concat(f.Codes["Iglesia San José"], f.Codes["Centro El Puente"], f.Codes["Sindicato Local 12"])
	atPrimary, atStandby, back := codes[0:3], codes[3:7], codes[7:9]
	scanAt(t, ctx, atPrimary)

	vp.stopPrimary(t)
	scanAt(t, ctx, atStandby)
	waitPage(t, ctx, `document.getElementById('net').dataset.venue === 'standby'`, "the door to say it sends to the standby")
	if label := pageEval[string](t, ctx, `document.getElementById('net-label').textContent`); label != "Enviando al respaldo" {
		t.Errorf("the status says %q, want Enviando al respaldo", label)
	}
	if online := pageEval[string](t, ctx, `document.getElementById('net').dataset.online`); online != "true" {
		t.Errorf("the door says online=%s while the standby answers", online)
	}
	steps(t, ctx, chromedp.Click(chromedp.ID("answer"))) // the volunteer dismisses the last answer
	atWidth(t, ctx, 360)
	saveScreen(t, ctx, "standby-360")
	if m := missing(t, vp.standby, f.Action, atStandby); m != "" && !strings.Contains(m, "counted, want") {
		t.Errorf("the standby does not hold the scans it acknowledged: %s", m)
	}

	vp.restartPrimary(t)
	waitPage(t, ctx, `document.getElementById('net').dataset.venue === 'primary'`, "the door to go back to the primary")
	scanAt(t, ctx, back)
	all := codes[0:9]
	for deadline := time.Now().Add(45 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		p, s := missing(t, vp.primary, f.Action, all), missing(t, vp.standby, f.Action, all)
		if p == "" && s == "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the primary came back, at the primary: %s; at the standby: %s", p, s)
		}
	}
}
