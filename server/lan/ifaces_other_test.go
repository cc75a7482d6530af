//go:build !windows && !darwin

package lan

import (
	"net"
	"testing"
)

// TestIPRank: the hall's Wi-Fi before other private ranges, and container
// bridges and VPNs last whatever their address.
func TestIPRank(t *testing.T) {
	tests := []struct {
		iface, ip string
		want      int
	}{
		{"wlan0", "192.168.1.23", 0},
		{"eth0", "10.0.0.7", 1},
		{"eth0", "172.20.1.1", 2},
		{"eth0", "172.32.1.1", 5},
		{"eth0", "100.64.0.1", 5},
		{"docker0", "172.17.0.1", 10},
		{"tailscale0", "100.101.102.103", 10},
		{"wg0", "192.168.9.1", 10},
		{"wlp2s0", "10.42.0.1", -1}, // this laptop's own hotspot
	}
	for _, tt := range tests {
		if got := ipRank(tt.iface, net.ParseIP(tt.ip).To4()); got != tt.want {
			t.Errorf("ipRank(%s, %s) = %d, want %d", tt.iface, tt.ip, got, tt.want)
		}
	}
}
