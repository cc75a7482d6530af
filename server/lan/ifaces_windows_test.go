package lan

import (
	"net"
	"testing"
)

// TestIPRank: the Mobile Hotspot first, the hall's Wi-Fi before other
// private ranges, and WSL, VMs and VPNs last whatever their address.
func TestIPRank(t *testing.T) {
	tests := []struct {
		iface, ip string
		want      int
	}{
		{"Local Area Connection* 10", "192.168.137.1", -1},
		{"Wi-Fi", "192.168.1.23", 0},
		{"Ethernet", "10.0.0.7", 1},
		{"vEthernet (WSL)", "172.20.1.1", 10},
		{"VirtualBox Host-Only Network", "192.168.56.1", 10},
		{"Tailscale", "100.101.102.103", 10},
	}
	for _, tt := range tests {
		if got := ipRank(tt.iface, net.ParseIP(tt.ip).To4()); got != tt.want {
			t.Errorf("ipRank(%s, %s) = %d, want %d", tt.iface, tt.ip, got, tt.want)
		}
	}
}
