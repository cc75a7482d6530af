package lan

import (
	"net"
	"os"
	"slices"
	"strings"
)

// OwnNames are the names and addresses the server answers to, besides
// localhost and loopback: every name and address cert covers (a wildcard
// too), the names and LAN addresses a self-signed certificate of this
// machine covers, and extra (the names given with --host).
func OwnNames(cert Certificate, extra []string) []string {
	hostname, _ := os.Hostname()
	return ownNames(cert, certNames(hostname), lanIPs(), extra)
}

func ownNames(cert Certificate, names []string, ips []net.IP, extra []string) []string {
	out := slices.Concat(names, ipStrings(ips), cert.Hosts, extra)
	if leaf := cert.TLS.Leaf; leaf != nil {
		out = slices.Concat(out, leaf.DNSNames, ipStrings(leaf.IPAddresses))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// certNames are the DNS names of the self-signed certificate: localhost, the
// machine's name, and its mDNS name, which iPhones resolve.
func certNames(hostname string) []string {
	names := []string{"localhost"}
	hostname = strings.ToLower(strings.TrimSpace(hostname))
	if hostname == "" || hostname == "localhost" {
		return names
	}
	names = append(names, hostname)
	if !strings.Contains(hostname, ".") {
		names = append(names, hostname+".local")
	}
	return names
}

// lanIPs lists this machine's IPv4 addresses that a phone on the same
// network could reach, the likeliest first: Wi-Fi and Ethernet before
// container bridges and VPNs.
func lanIPs() []net.IP {
	ifaces, err := net.Interfaces()
	if err != nil {
		return nil
	}
	type candidate struct {
		ip   net.IP
		rank int
	}
	var found []candidate
	for _, ifc := range ifaces {
		if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, _ := ifc.Addrs()
		for _, a := range addrs {
			ipn, ok := a.(*net.IPNet)
			if !ok || ipn.IP.To4() == nil || ipn.IP.IsLoopback() || ipn.IP.IsLinkLocalUnicast() {
				continue
			}
			found = append(found, candidate{ipn.IP.To4(), ipRank(ifc.Name, ipn.IP.To4())})
		}
	}
	slices.SortStableFunc(found, func(a, b candidate) int { return a.rank - b.rank })
	out := make([]net.IP, len(found))
	for i, c := range found {
		out[i] = c.ip
	}
	return out
}

// Addresses are this machine's IPv4 addresses that phones on the same
// network could open, the likeliest first.
func Addresses() []string { return ipStrings(lanIPs()) }

// ipRank orders addresses: lower is likelier to be the hall's network. The
// laptop's own hotspot comes first (phones joined it for Presente), virtual
// adapters (containers, VMs, VPNs) last; each OS names them its own way.
func ipRank(iface string, ip net.IP) int {
	switch {
	case hotspot(iface, ip):
		return -1
	case virtual(iface):
		return 10
	case ip[0] == 192 && ip[1] == 168:
		return 0
	case ip[0] == 10:
		return 1
	case ip[0] == 172 && ip[1]&0xf0 == 16:
		return 2
	}
	return 5
}

func ipStrings(ips []net.IP) []string {
	out := make([]string, len(ips))
	for i, ip := range ips {
		out[i] = ip.String()
	}
	return out
}
