//go:build !windows && !darwin

package lan

import (
	"net"
	"strings"
)

// hotspot reports the address NetworkManager gives a Wi-Fi hotspot it
// shares ("Turn On Wi-Fi Hotspot" in GNOME's settings).
func hotspot(iface string, ip net.IP) bool {
	return ip[0] == 10 && ip[1] == 42 && ip[2] == 0
}

// virtual reports container bridges, VMs' networks and VPN tunnels by the
// names Linux gives them.
func virtual(iface string) bool {
	for _, p := range []string{"docker", "br-", "veth", "virbr", "vmnet", "vboxnet", "tun", "tap", "wg", "tailscale", "zt"} {
		if strings.HasPrefix(iface, p) {
			return true
		}
	}
	return false
}
