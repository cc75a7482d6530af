package lan

import (
	"net"
	"strings"
)

// hotspot reports macOS Internet Sharing, which bridges the shared Wi-Fi
// as bridge100 (or the next free bridge) at 192.168.2.1.
func hotspot(iface string, ip net.IP) bool {
	return strings.HasPrefix(iface, "bridge") && ip[0] == 192 && ip[1] == 168 && ip[2] == 2
}

// virtual reports the tunnels, Apple Wireless Direct Link and the VMs'
// networks (UTM and Docker bridges, VMware, Parallels, VirtualBox) by the
// names macOS gives them.
func virtual(iface string) bool {
	for _, p := range []string{"utun", "awdl", "llw", "anpi", "gif", "stf", "bridge", "vmnet", "vnic", "vboxnet", "feth"} {
		if strings.HasPrefix(iface, p) {
			return true
		}
	}
	return false
}
