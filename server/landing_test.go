package server

import (
	"fmt"
	"strings"
	"testing"
)

// TestTLSPairingLinkNamesHTTPS: an organizer on this machine over plain
// HTTP gets pairing links a phone can open: HTTPS, at a LAN address.
func TestTLSPairingLinkNamesHTTPS(t *testing.T) {
	s := serveTLSAndPlain(t)
	f := s.seed(t)
	plain := *s.testServer
	plain.URL = s.plainURL
	org := signInConsole(t, &plain, f)
	status, body := org.send(t, "POST", fmt.Sprintf("/api/actions/%d/pairings", f.Action), map[string]string{"name": "Puerta oeste"}, true)
	if status != 201 {
		t.Fatalf("create pairing = %d %s", status, body)
	}
	link := decodeJSON[struct{ URL string }](t, body).URL
	if !strings.HasPrefix(link, "https://192.0.2.10:"+s.port+"/pair/#code=") {
		t.Errorf("pairing link %q; want the HTTPS LAN address", link)
	}
}
