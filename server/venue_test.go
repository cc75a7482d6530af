package server

import (
	"slices"
	"testing"

	"presente/server/store"
)

// TestVenueSitesForADoor: a door learns its venue's addresses, the one on
// its own subnet first; a malformed origin, which would land in headers, is
// dropped; a node without a standby offers nothing to fail over to.
func TestVenueSitesForADoor(t *testing.T) {
	standbys := []string{"https://10.0.0.7:8443", "https://laptop-2.local:8443", "https://192.168.137.7:8443",
		"https://x:1/path", "https://a b:1", "javascript:alert(1)", "https://10.0.0.7:8443; script-src *"}
	tests := []struct {
		name, host string
		self       []string
		known      store.VenueSites
		want       doorVenue
	}{
		{"a primary, phone on the hotspot", "192.168.137.1:8443", []string{"https://192.168.137.1:8443"},
			store.VenueSites{Standbys: standbys},
			doorVenue{Primary: []string{"https://192.168.137.1:8443"},
				Standby: []string{"https://192.168.137.7:8443", "https://10.0.0.7:8443", "https://laptop-2.local:8443"}}},
		{"a primary, phone on the wired network", "10.0.0.5", []string{"https://10.0.0.5:8443"},
			store.VenueSites{Standbys: standbys},
			doorVenue{Primary: []string{"https://10.0.0.5:8443"},
				Standby: []string{"https://10.0.0.7:8443", "https://192.168.137.7:8443", "https://laptop-2.local:8443"}}},
		{"a standby", "10.0.0.7:8443", []string{"https://10.0.0.7:8443"},
			store.VenueSites{Primary: []string{"https://10.0.0.5:8443"}},
			doorVenue{Primary: []string{"https://10.0.0.5:8443"}, Standby: []string{"https://10.0.0.7:8443"}}},
		{"no standby", "10.0.0.5", []string{"https://10.0.0.5:8443"}, store.VenueSites{},
			doorVenue{Primary: []string{}, Standby: []string{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := &venueSites{}
			v.set(tt.self, tt.known)
			got := v.forDoor(tt.host)
			if !slices.Equal(got.Primary, tt.want.Primary) || !slices.Equal(got.Standby, tt.want.Standby) {
				t.Errorf("forDoor(%q) = %+v, want %+v", tt.host, got, tt.want)
			}
		})
	}
}
