package lan

import (
	"net"
	"strings"
)

// hotspot reports Windows' Mobile Hotspot (and Internet Connection
// Sharing), which always takes 192.168.137.1; its adapter's name ("Local
// Area Connection* 10") is translated and numbered, so only the address
// tells.
func hotspot(iface string, ip net.IP) bool {
	return ip.Equal(net.IPv4(192, 168, 137, 1))
}

// virtual reports the adapters of WSL and Hyper-V, VirtualBox, VMware,
// Bluetooth and VPNs by the friendly names Windows gives them.
func virtual(iface string) bool {
	name := strings.ToLower(iface)
	for _, p := range []string{"vethernet", "hyper-v", "virtualbox", "vmware", "bluetooth", "tailscale",
		"zerotier", "wireguard", "openvpn", "tap-windows", "npcap", "loopback"} {
		if strings.Contains(name, p) {
			return true
		}
	}
	return false
}
