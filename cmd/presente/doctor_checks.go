package main

import (
	"crypto/x509"
	"fmt"
	"net"
	"slices"
	"strings"
	"time"

	"presente/server/lan"
)

// doctorFacts is what presente doctor found on this machine.
type doctorFacts struct {
	data      string
	local     string // the server's plain-HTTP origin on this machine
	hasDB     bool
	setUp     bool
	addresses []string          // this machine's addresses phones could open, best first
	https     string            // the --https setting
	running   bool              // HTTPS answered on this machine
	answers   []string          // the addresses at which HTTPS answered
	cert      *x509.Certificate // what HTTPS serves, or the file it would serve
	now       time.Time
}

// finding is one problem doctor found and its fix. A finding that blocks
// means phones cannot possibly connect.
type finding struct {
	blocks       bool
	problem, fix string
}

// diagnose finds what keeps phones from the door scanner, each with its fix.
func diagnose(f doctorFacts) []finding {
	var out []finding
	add := func(blocks bool, problem, fix string) {
		out = append(out, finding{blocks, problem, fix})
	}
	if len(f.addresses) == 0 {
		add(true, "This computer has no network address a phone could open.",
			"Join the venue's Wi-Fi, turn on this computer's hotspot (Windows: Mobile Hotspot; macOS: Internet Sharing) or plug in the travel router, then run doctor again.")
	}
	if f.https == "off" {
		add(true, "HTTPS is off (--https off or PRESENTE_HTTPS=off): phone cameras only work over HTTPS.",
			"Start Presente without --https off and unset PRESENTE_HTTPS.")
		return append(out, setUpFindings(f)...)
	}
	if host, _, err := net.SplitHostPort(f.https); err == nil && isLoopbackHost(host) {
		add(true, fmt.Sprintf("HTTPS listens on %s, which only this computer can reach.", f.https),
			`Start Presente with --https ":8443" (every address) or with this computer's network address.`)
	}
	switch {
	case !f.running:
		add(true, "Presente is not running here: nothing answers HTTPS on port "+httpsPort(f.https)+".",
			"Start it (double-click presente, or run presente serve), then run doctor again.")
	case len(f.addresses) > 0 && len(f.answers) == 0:
		add(true, "HTTPS answers on this computer but at none of its network addresses.",
			`Start Presente with --https ":8443" so that it listens on every address.`)
	}
	out = append(out, certFindings(f)...)
	return append(out, setUpFindings(f)...)
}

func certFindings(f doctorFacts) []finding {
	var out []finding
	if f.cert == nil {
		return out
	}
	renew := "Restart Presente: it makes a new certificate on start."
	if !lan.SelfSigned(f.cert) {
		renew = "Renew the certificate given with --tls-cert, or drop --tls-cert to use a self-signed one."
	}
	switch left := f.cert.NotAfter.Sub(f.now); {
	case left <= 0:
		out = append(out, finding{true, "The certificate expired on " + day(f.cert.NotAfter) + ": phones refuse it.", renew})
	case left < 30*24*time.Hour:
		out = append(out, finding{false, "The certificate expires on " + day(f.cert.NotAfter) + ".", renew})
	}
	if missing := uncovered(f); missing != "" {
		fix := "Restart Presente: it makes its certificate anew for the addresses this computer has now."
		if !lan.SelfSigned(f.cert) {
			fix = "Get a certificate that names " + missing + ", or drop --tls-cert to use a self-signed one."
		}
		out = append(out, finding{true, fmt.Sprintf("The certificate does not name %s, this computer's address (it names %s): phones opening https://%s are refused.",
			missing, strings.Join(lan.Names(f.cert), ", "), net.JoinHostPort(missing, httpsPort(f.https))), fix})
	}
	return out
}

// uncovered is the best address the certificate does not name, when phones
// have no other way in: Presente's own certificate must name the address
// its QR codes send phones to; one given with --tls-cert may name a host
// instead (a DNS name other than localhost), which phones then open.
func uncovered(f doctorFacts) string {
	if len(f.addresses) == 0 || f.cert.VerifyHostname(f.addresses[0]) == nil {
		return ""
	}
	if !lan.SelfSigned(f.cert) {
		for _, a := range f.addresses {
			if f.cert.VerifyHostname(a) == nil {
				return ""
			}
		}
		if slices.ContainsFunc(f.cert.DNSNames, func(n string) bool { return n != "localhost" }) {
			return ""
		}
	}
	return f.addresses[0]
}

func setUpFindings(f doctorFacts) []finding {
	switch {
	case !f.hasDB:
		return []finding{{false, "There is no database in " + f.data + " yet.",
			"Start Presente once (double-click presente, or presente serve --data " + f.data + "), or give doctor the --data folder the server uses."}}
	case !f.setUp:
		return []finding{{false, "No organizer account exists yet.",
			"Open " + f.local + "/setup/ in a browser on this computer (presente with no command opens it), or run presente organizer add NAME."}}
	}
	return nil
}

func isLoopbackHost(host string) bool {
	ip := net.ParseIP(host)
	return strings.EqualFold(host, "localhost") || (ip != nil && ip.IsLoopback())
}

// httpsPort is the port of the --https setting.
func httpsPort(https string) string {
	if _, port, err := net.SplitHostPort(https); err == nil {
		return port
	}
	return "8443"
}

func day(t time.Time) string { return t.Format("2006-01-02") }
