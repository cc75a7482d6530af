package server

import (
	"net"
	"net/http"
	"testing"
	"time"
)

// TestNetworkReach: the organizers' network call says where phones open
// HTTPS and counts only devices other than this machine that reached it
// over HTTPS (127.0.0.2 stands in for a phone).
func TestNetworkReach(t *testing.T) {
	s := serveTLSAndPlain(t)
	f := s.seed(t)
	viaSite := *s.testServer
	viaSite.URL = s.plainURL // this machine's plain HTTP, which knows the HTTPS site
	org := signInConsole(t, &viaSite, f)
	type reach struct {
		HTTPS    bool   `json:"https"`
		HTTPSURL string `json:"https_url"`
		Phones   struct {
			Devices int        `json:"devices"`
			LastAt  *time.Time `json:"last_at"`
		} `json:"phones"`
	}
	read := func() reach { return decodeJSON[reach](t, org.must(t, 200, "GET", "/api/network", nil)) }
	got := read()
	if !got.HTTPS || got.HTTPSURL != "https://192.0.2.10:"+s.port+"/" || got.Phones.Devices != 0 || got.Phones.LastAt != nil {
		t.Fatalf("before any phone: %+v, want HTTPS on at the LAN address, no phone", got)
	}
	plainGet(t, httpsFrom(s.roots, nil), "GET", s.httpsURL+"/door/")
	plainGet(t, fromLAN(), "GET", s.plainURL+"/")
	if got = read(); got.Phones.Devices != 0 {
		t.Errorf("this machine over HTTPS or a phone over plain HTTP counted as a phone over HTTPS: %+v", got.Phones)
	}
	before := time.Now().Add(-time.Second)
	if status, _, _ := plainGet(t, httpsFrom(s.roots, net.IPv4(127, 0, 0, 2)), "GET", s.httpsURL+"/door/"); status != http.StatusOK {
		t.Fatalf("phone over HTTPS: GET /door/ = %d", status)
	}
	if got = read(); got.Phones.Devices != 1 || got.Phones.LastAt == nil || got.Phones.LastAt.Before(before) {
		t.Errorf("after a phone reached HTTPS: %+v, want one device just now", got.Phones)
	}
}
