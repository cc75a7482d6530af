package server

import (
	"crypto/tls"
	"crypto/x509"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestSetupOnlyThisMachine: the first-run page and its calls answer a
// browser on this machine only: not another device, over plain HTTP or
// HTTPS (127.0.0.2 stands in for a phone), not a page that asks by another
// name (DNS rebinding), not a request a proxy forwarded.
func TestSetupOnlyThisMachine(t *testing.T) {
	s := serveTLSAndPlain(t)
	https, lanHTTPS := httpsFrom(s.roots, nil), httpsFrom(s.roots, net.IPv4(127, 0, 0, 2))
	for _, path := range []string{"/setup/", "/setup/setup.js", "/setup/state"} {
		if status, _, _ := plainGet(t, http.DefaultClient, "GET", s.URL+path); status != 200 {
			t.Errorf("this machine: GET %s = %d, want 200", path, status)
		}
		if status, _, _ := plainGet(t, fromLAN(), "GET", s.plainURL+path); status == 200 {
			t.Errorf("another device over plain HTTP: GET %s = 200", path)
		}
		if status, _, _ := plainGet(t, lanHTTPS, "GET", s.httpsURL+path); status != 404 {
			t.Errorf("another device over HTTPS: GET %s = %d, want 404", path, status)
		}
		if status, _, _ := plainGet(t, https, "GET", s.httpsURL+path); status != 200 {
			t.Errorf("this machine over HTTPS: GET %s = %d, want 200", path, status)
		}
	}
	// A rebound name is refused before the page's own guard looks: 421.
	for _, h := range []struct {
		name, value string
		want        int
	}{
		{"Host", "presente.attacker.example", http.StatusMisdirectedRequest},
		{"X-Forwarded-For", "192.0.2.44", http.StatusNotFound},
		{"Forwarded", "for=192.0.2.44", http.StatusNotFound},
	} {
		req, _ := http.NewRequest("GET", s.URL+"/setup/state", nil)
		if h.name == "Host" {
			req.Host = h.value
		} else {
			req.Header.Set(h.name, h.value)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != h.want {
			t.Errorf("%s: %s: GET /setup/state = %d, want %d", h.name, h.value, resp.StatusCode, h.want)
		}
	}
	req, _ := http.NewRequest("POST", s.httpsURL+"/setup/network",
		strings.NewReader(`{"network":"Red","name":"intruso","password":"a long enough password"}`))
	req.Header.Set("Content-Type", "application/json")
	resp, err := lanHTTPS.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if status := resp.StatusCode; status != 404 {
		t.Errorf("another device over HTTPS: POST /setup/network = %d, want 404", status)
	}
	if _, setUp, _ := s.Store().Network(t.Context()); setUp {
		t.Errorf("another device set the network up")
	}
}

// TestSetupOnce: the first run names the network and makes the organizer,
// who signs in; a second run is refused and changes nothing.
func TestSetupOnce(t *testing.T) {
	ts := newTestServer(t)
	if status, body := ts.call(t, "GET", "/setup/state", "", nil); status != 200 || !strings.Contains(string(body), `"set_up":false`) {
		t.Fatalf("fresh install: state = %d %s, want not set up", status, body)
	}
	first := map[string]string{"network": "Carolina Unida", "name": "maria", "password": "a long enough password"}
	if status, body := ts.call(t, "POST", "/setup/network", "", first); status != 201 {
		t.Fatalf("first run = %d %s, want 201", status, body)
	}
	second := map[string]string{"network": "Otra", "name": "pedro", "password": "another long password"}
	if status, body := ts.call(t, "POST", "/setup/network", "", second); status != 409 || errCode(body) != "set_up" {
		t.Errorf("second run = %d %s, want 409 set_up", status, body)
	}
	if status, body := ts.call(t, "GET", "/setup/state", "", nil); !strings.Contains(string(body), `"set_up":true`) ||
		!strings.Contains(string(body), "Carolina Unida") {
		t.Errorf("after the first run: state = %d %s", status, body)
	}
	if status, body := ts.call(t, "POST", "/api/session", "", map[string]string{"name": "maria", "password": first["password"]}); status != 200 {
		t.Errorf("the first organizer signs in: %d %s", status, body)
	}
	if status, _ := ts.call(t, "POST", "/api/session", "", map[string]string{"name": "pedro", "password": second["password"]}); status != 401 {
		t.Errorf("the refused second organizer signs in: %d, want 401", status)
	}
}

// TestSetupPageInBrowser: on a fresh install the page names the network,
// makes the organizer and signs in; the console then opens signed in.
func TestSetupPageInBrowser(t *testing.T) {
	ts := newTestServer(t)
	ctx := newBrowser(t)
	err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/setup/"),
		chromedp.WaitVisible(chromedp.CSS("#form")),
		chromedp.SendKeys(chromedp.CSS("#network"), "Carolina Unida"),
		chromedp.SendKeys(chromedp.CSS("#name"), "maría"),
		chromedp.SendKeys(chromedp.CSS("#password"), "a long enough password"),
		chromedp.SendKeys(chromedp.CSS("#again"), "a long enough password"),
		chromedp.Click(chromedp.CSS("#create")),
		chromedp.WaitVisible(chromedp.CSS("#done")),
	)
	if err != nil {
		t.Fatalf("first run in the browser: %v", err)
	}
	done, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#done-title")))
	if !strings.Contains(done, "Carolina Unida") || !strings.Contains(done, "maría") {
		t.Errorf("done message %q, want the network and the organizer", done)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#console")), chromedp.WaitVisible(chromedp.CSS("#home"))); err != nil {
		t.Fatalf("the console does not open signed in: %v", err)
	}
	err = chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/setup/"), chromedp.WaitVisible(chromedp.CSS("#already")))
	if err != nil {
		t.Errorf("the page offers a second run: %v", err)
	}
}

// httpsFrom is an HTTPS client that trusts roots, asks for localhost and,
// when from is set, connects from that address.
func httpsFrom(roots *x509.CertPool, from net.IP) *http.Client {
	d := &net.Dialer{Timeout: 5 * time.Second}
	if from != nil {
		d.LocalAddr = &net.TCPAddr{IP: from}
	}
	return &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DialContext: d.DialContext,
		TLSClientConfig: &tls.Config{RootCAs: roots, ServerName: "localhost"}}}
}
