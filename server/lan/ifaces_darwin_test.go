package lan

import (
	"net"
	"testing"
)

// TestIPRank: Internet Sharing first, the hall's Wi-Fi before other
// private ranges, and tunnels and VMs' bridges last whatever their address.
func TestIPRank(t *testing.T) {
	tests := []struct {
		iface, ip string
		want      int
	}{
		{"bridge100", "192.168.2.1", -1},
		{"en0", "192.168.1.23", 0},
		{"en7", "10.0.0.7", 1},
		{"bridge100", "192.168.64.1", 10},
		{"utun3", "100.101.102.103", 10},
		{"vmnet8", "172.16.5.1", 10},
	}
	for _, tt := range tests {
		if got := ipRank(tt.iface, net.ParseIP(tt.ip).To4()); got != tt.want {
			t.Errorf("ipRank(%s, %s) = %d, want %d", tt.iface, tt.ip, got, tt.want)
		}
	}
}
