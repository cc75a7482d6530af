package lan

import (
	"net"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestReadCertificate: the self-signed certificate serve keeps is read
// back without its key, known as Presente's own, with its names.
func TestReadCertificate(t *testing.T) {
	data := t.TempDir()
	ip := net.IPv4(192, 168, 1, 23).To4()
	made, err := selfSigned(filepath.Join(data, "tls"), certNames("salon"), []net.IP{ip}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	leaf, file, err := ReadCertificate(data, "")
	if err != nil {
		t.Fatalf("ReadCertificate: %v", err)
	}
	if file != made.File || !leaf.Equal(made.TLS.Leaf) {
		t.Errorf("read %s, want the certificate serve made in %s", file, made.File)
	}
	if !SelfSigned(leaf) {
		t.Errorf("SelfSigned() = false for Presente's own certificate")
	}
	if names := Names(leaf); !slices.Contains(names, "salon.local") || !slices.Contains(names, "192.168.1.23") {
		t.Errorf("Names() = %v, want the hostname's mDNS name and the LAN address", names)
	}
	if _, _, err := ReadCertificate(t.TempDir(), ""); err == nil {
		t.Errorf("ReadCertificate of an empty folder succeeded")
	}
	bad := filepath.Join(t.TempDir(), "cert.pem")
	os.WriteFile(bad, []byte("not a certificate"), 0o600)
	if _, _, err := ReadCertificate(data, bad); err == nil {
		t.Errorf("ReadCertificate of a file with no PEM succeeded")
	}
}
