package main

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"presente/cmd/presente/desktop"
	"presente/server/lan"
	"presente/server/store"
)

// errPhonesCannotConnect makes doctor exit non-zero; it has printed why.
var errPhonesCannotConnect = errors.New("phones cannot connect: fix the problems above")

// doctor checks what door phones need to reach this computer and prints
// each problem with its fix. Its data folder is the one presente with no
// command uses, unless --data or PRESENTE_DATA says otherwise.
func (e env) doctor(args []string) error {
	dir, err := desktop.DataDir(e.getenv)
	if err != nil {
		dir = "data" // serve's default, with no home folder to go by
	}
	f := e.flags("doctor")
	data := f.str("data", "PRESENTE_DATA", dir, "data folder")
	https := f.str("https", "PRESENTE_HTTPS", ":8443", `the server's HTTPS address, as given to serve ("off" if it serves none)`)
	cert := f.str("tls-cert", "PRESENTE_TLS_CERT", "", "the certificate given to serve, if any")
	plain := f.str("http", "PRESENTE_HTTP", "127.0.0.1:8080", "the server's plain HTTP address, for the guide's link")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	facts := e.doctorFacts(*data, *https, *cert)
	host, port, _ := net.SplitHostPort(*plain)
	facts.local = localOrigin(host, port)
	found := diagnose(facts)
	e.printDoctor(facts, found)
	fmt.Fprintf(e.stdout, "\nIf a phone still cannot open it, read the venue network guide: %s/console/network.html\n", facts.local)
	for _, fd := range found {
		if fd.blocks {
			return errPhonesCannotConnect
		}
	}
	return nil
}

func (e env) doctorFacts(data, https, certFile string) doctorFacts {
	f := doctorFacts{data: data, https: https, addresses: lan.Addresses(), now: time.Now()}
	if _, err := os.Stat(filepath.Join(data, "presente.db")); err == nil {
		f.hasDB = true
		e.withStore(data, func(st *store.Store) error {
			_, f.setUp, _ = st.Network(e.ctx)
			return nil
		})
	}
	if https != "off" {
		port := httpsPort(https)
		f.cert, f.running = probeHTTPS(net.JoinHostPort(probeHost(https), port))
		for _, a := range f.addresses {
			if _, ok := probeHTTPS(net.JoinHostPort(a, port)); ok {
				f.answers = append(f.answers, a)
			}
		}
	}
	if f.cert == nil {
		f.cert, _, _ = lan.ReadCertificate(data, certFile)
	}
	return f
}

// probeHost is where to knock for the server: the address --https names,
// or this computer when it names every address.
func probeHost(https string) string {
	host, _, err := net.SplitHostPort(https)
	if ip := net.ParseIP(host); err != nil || host == "" || (ip != nil && ip.IsUnspecified()) {
		return "127.0.0.1"
	}
	return host
}

// probeHTTPS asks addr for Presente's /healthz over HTTPS and returns the
// certificate it served. It reads the certificate and does not trust it:
// checking it is diagnose's job.
func probeHTTPS(addr string) (*x509.Certificate, bool) {
	client := &http.Client{Timeout: 3 * time.Second, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	resp, err := client.Get("https://" + addr + "/healthz")
	if err != nil {
		return nil, false
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.TLS == nil || len(resp.TLS.PeerCertificates) == 0 {
		return nil, false
	}
	return resp.TLS.PeerCertificates[0], true
}

func (e env) printDoctor(f doctorFacts, found []finding) {
	w := e.stdout
	fmt.Fprintln(w, readBuildInfo())
	fmt.Fprintf(w, "Data folder:      %s (database: %s, organizer: %s)\n", f.data, yesNo(f.hasDB), yesNo(f.setUp))
	fmt.Fprintf(w, "Phone addresses:  %s\n", orNone(f.addresses))
	fmt.Fprintf(w, "HTTPS:            %s; answers at %s\n", f.https, orNone(httpsURLs(f.answers, httpsPort(f.https))))
	if f.cert != nil {
		kind := "given with --tls-cert"
		if lan.SelfSigned(f.cert) {
			kind = "self-signed"
		}
		fmt.Fprintf(w, "Certificate:      %s, names %s; expires %s\n", kind, strings.Join(lan.Names(f.cert), ", "), day(f.cert.NotAfter))
	} else {
		fmt.Fprintln(w, "Certificate:      none yet (Presente makes one on its first start)")
	}
	blocked := false
	for _, fd := range found {
		label := "WARNING"
		if fd.blocks {
			label, blocked = "PROBLEM", true
		}
		fmt.Fprintf(w, "\n%s: %s\n  Fix: %s\n", label, fd.problem, fd.fix)
	}
	if !blocked && len(f.answers) > 0 {
		fmt.Fprintf(w, "\nPhones on this network can open %s\n", httpsURLs(f.answers[:1], httpsPort(f.https))[0])
	}
}

func httpsURLs(hosts []string, port string) []string {
	out := make([]string, len(hosts))
	for i, h := range hosts {
		out[i] = "https://" + net.JoinHostPort(h, port) + "/"
	}
	return out
}

func orNone(list []string) string {
	if len(list) == 0 {
		return "none"
	}
	return strings.Join(list, ", ")
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
