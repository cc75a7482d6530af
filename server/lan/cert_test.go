package lan

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"net"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestTLSSelfSignedCertificate: made on first start for the machine's names
// and LAN addresses, with an ECDSA P-256 key readable by its owner only.
func TestTLSSelfSignedCertificate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tls")
	lan := []net.IP{net.IPv4(192, 168, 1, 23).To4()}
	now := time.Date(2026, 12, 12, 9, 0, 0, 0, time.UTC)
	names := certNames("salon-parroquial")

	first, err := selfSigned(dir, names, lan, now)
	if err != nil {
		t.Fatalf("selfSigned: %v", err)
	}
	if !first.Created {
		t.Errorf("first start did not report a new certificate")
	}
	leaf := first.TLS.Leaf
	key, ok := first.TLS.PrivateKey.(*ecdsa.PrivateKey)
	if !ok || key.Curve != elliptic.P256() {
		t.Errorf("key is %T, want ECDSA P-256", first.TLS.PrivateKey)
	}
	for _, n := range []string{"localhost", "salon-parroquial", "salon-parroquial.local"} {
		if !slices.Contains(leaf.DNSNames, n) {
			t.Errorf("certificate names %v lack %s", leaf.DNSNames, n)
		}
	}
	for _, ip := range []net.IP{lan[0], net.IPv4(127, 0, 0, 1), net.IPv6loopback} {
		if !slices.ContainsFunc(leaf.IPAddresses, ip.Equal) {
			t.Errorf("certificate addresses %v lack %s", leaf.IPAddresses, ip)
		}
	}
	if first.File != filepath.Join(dir, "cert.pem") {
		t.Errorf("file = %s, want cert.pem in %s", first.File, dir)
	}
	if first.Hosts[0] != "192.168.1.23" {
		t.Errorf("hosts for phones = %v, want the LAN address first", first.Hosts)
	}
	for file, want := range map[string]os.FileMode{"key.pem": 0o600, "cert.pem": 0o644, ".": 0o700} {
		st, err := os.Stat(filepath.Join(dir, file))
		if err != nil || st.Mode().Perm() != want {
			t.Errorf("%s mode = %v (%v), want %v", file, st.Mode().Perm(), err, want)
		}
	}
}

// TestTLSSelfSignedRenewal: the certificate is reused across restarts and
// remade only for a new LAN address or when it nears its end.
func TestTLSSelfSignedRenewal(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tls")
	lan := []net.IP{net.IPv4(192, 168, 1, 23).To4()}
	now := time.Date(2026, 12, 12, 9, 0, 0, 0, time.UTC)
	names := certNames("salon-parroquial")
	first, err := selfSigned(dir, names, lan, now)
	if err != nil {
		t.Fatalf("selfSigned: %v", err)
	}
	tests := []struct {
		name    string
		ips     []net.IP
		now     time.Time
		renewed bool
	}{
		{"restart", lan, now.Add(24 * time.Hour), false},
		{"restart without Wi-Fi", nil, now.Add(48 * time.Hour), false},
		{"another hall's network", []net.IP{net.IPv4(10, 0, 0, 7).To4()}, now.Add(72 * time.Hour), true},
		{"near its end", []net.IP{net.IPv4(10, 0, 0, 7).To4()}, now.Add(certLifetime - 10*24*time.Hour), true},
	}
	prev := first.Fingerprint
	for _, tt := range tests {
		c, err := selfSigned(dir, names, tt.ips, tt.now)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if renewed := c.Fingerprint != prev; renewed != tt.renewed || c.Created != tt.renewed {
			t.Errorf("%s: renewed = %v (created %v), want %v", tt.name, renewed, c.Created, tt.renewed)
		}
		prev = c.Fingerprint
	}
}

// TestTLSGivenCertificate: --tls-cert/--tls-key serve a real certificate,
// and its names are what phones are sent to.
func TestTLSGivenCertificate(t *testing.T) {
	dir := t.TempDir()
	certPEM, keyPEM, err := makeCert([]string{"presente.example.org", "*.example.org"}, nil, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile := filepath.Join(dir, "c.pem"), filepath.Join(dir, "k.pem")
	os.WriteFile(certFile, certPEM, 0o644)
	os.WriteFile(keyFile, keyPEM, 0o600)
	c, err := LoadCertificate(t.TempDir(), certFile, keyFile)
	if err != nil {
		t.Fatalf("LoadCertificate: %v", err)
	}
	if c.File != certFile {
		t.Errorf("file = %s, want the one given, %s", c.File, certFile)
	}
	if len(c.Hosts) == 0 || c.Hosts[0] != "presente.example.org" || c.Created {
		t.Errorf("hosts = %v, created %v; want the certificate's own name, nothing made", c.Hosts, c.Created)
	}
	if _, err := LoadCertificate(t.TempDir(), certFile, filepath.Join(dir, "missing.pem")); err == nil {
		t.Errorf("a missing key file loaded")
	}
}
