package lan

import (
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
)

// selfSignedOrg is the organization of the certificates Presente makes.
const selfSignedOrg = "Presente (self-signed)"

// ReadCertificate reads, without its key, the certificate HTTPS would
// serve: certFile when given, else the self-signed one kept in dataDir. It
// returns the file it read.
func ReadCertificate(dataDir, certFile string) (*x509.Certificate, string, error) {
	if certFile == "" {
		certFile = filepath.Join(dataDir, "tls", "cert.pem")
	}
	b, err := os.ReadFile(certFile)
	if err != nil {
		return nil, certFile, fmt.Errorf("read certificate: %w", err)
	}
	block, _ := pem.Decode(b)
	if block == nil || block.Type != "CERTIFICATE" {
		return nil, certFile, errors.New("read certificate: no PEM certificate in the file")
	}
	leaf, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, certFile, fmt.Errorf("read certificate: %w", err)
	}
	return leaf, certFile, nil
}

// SelfSigned reports whether leaf is one Presente made for itself, which
// it makes anew on start when it no longer names this machine's addresses.
func SelfSigned(leaf *x509.Certificate) bool {
	return slices.Contains(leaf.Subject.Organization, selfSignedOrg) && leaf.Issuer.String() == leaf.Subject.String()
}

// Names are the DNS names and IP addresses leaf is valid for.
func Names(leaf *x509.Certificate) []string {
	names := slices.Clone(leaf.DNSNames)
	for _, ip := range leaf.IPAddresses {
		names = append(names, ip.String())
	}
	return names
}
