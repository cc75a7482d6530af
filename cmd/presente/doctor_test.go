package main

import (
	"net"
	"net/url"
	"strings"
	"testing"

	"presente/server/lan"
)

// lanAddress is this machine's best address for phones; the test skips
// when it has none (a container with loopback only).
func lanAddress(tb testing.TB) string {
	tb.Helper()
	addrs := lan.Addresses()
	if len(addrs) == 0 {
		tb.Skip("this machine has no network address besides loopback")
	}
	return addrs[0]
}

// httpsPortOf is the port of the HTTPS address serve logged.
func httpsPortOf(tb testing.TB, s servedTLS) string {
	tb.Helper()
	u, err := url.Parse(s.https)
	if err != nil || u.Port() == "" {
		tb.Fatalf("serve logged no HTTPS address: %q", s.https)
	}
	return u.Port()
}

// TestDoctorHealthy: with serve listening for HTTPS on every address and
// its own certificate, doctor finds nothing that blocks phones, names the
// address they open and exits 0.
func TestDoctorHealthy(t *testing.T) {
	addr := lanAddress(t)
	data := t.TempDir()
	s, _ := startServeTLS(t, nil, "--data", data, "--http", "127.0.0.1:0", "--https", ":0")
	port := httpsPortOf(t, s)
	code, out, errOut := runCmd(t, "", "doctor", "--data", data, "--https", ":"+port)
	if code != 0 {
		t.Fatalf("doctor = %d, want 0: %s %s", code, out, errOut)
	}
	for _, want := range []string{
		"presente ", "Data folder:      " + data, "Phone addresses:  " + addr,
		"answers at https://" + net.JoinHostPort(addr, port) + "/", "Certificate:      self-signed, names localhost",
		"Phones on this network can open https://" + net.JoinHostPort(addr, port) + "/",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("doctor output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "PROBLEM") {
		t.Errorf("doctor found a problem in a healthy setup:\n%s", out)
	}
}

// TestDoctorBroken: HTTPS off, and a certificate that does not name this
// machine's address, each make doctor say what is wrong and how to fix it,
// and exit non-zero.
func TestDoctorBroken(t *testing.T) {
	data := t.TempDir()
	startServeTLS(t, map[string]string{"PRESENTE_HTTPS": "off"}, "--data", data, "--http", "127.0.0.1:0")
	code, out, _ := runCmd(t, "", "doctor", "--data", data, "--https", "off")
	if code != 1 || !strings.Contains(out, "PROBLEM: HTTPS is off") || !strings.Contains(out, "Fix: Start Presente without --https off") {
		t.Errorf("doctor with HTTPS off = %d, want 1 and the problem with its fix:\n%s", code, out)
	}

	addr := lanAddress(t)
	certFile, keyFile := writeTLSCert(t, t.TempDir(), "localhost")
	s, _ := startServeTLS(t, nil, "--data", t.TempDir(), "--http", "127.0.0.1:0", "--https", ":0",
		"--tls-cert", certFile, "--tls-key", keyFile)
	port := httpsPortOf(t, s)
	code, out, _ = runCmd(t, "", "doctor", "--data", data, "--https", ":"+port, "--tls-cert", certFile)
	if code != 1 || !strings.Contains(out, "PROBLEM: The certificate does not name "+addr) || !strings.Contains(out, "Fix: Get a certificate that names "+addr) {
		t.Errorf("doctor with a certificate for localhost only = %d, want 1 and the problem with its fix:\n%s", code, out)
	}
}
