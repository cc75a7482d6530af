package lan

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

const (
	certLifetime = 825 * 24 * time.Hour // the longest any phone accepts
	certRenew    = 30 * 24 * time.Hour  // remade when it expires sooner than this
)

// Certificate is what HTTPS serves and the addresses phones should use.
type Certificate struct {
	TLS         tls.Certificate
	Hosts       []string // LAN addresses or names for phones, best first
	Fingerprint string   // SHA-256 of the certificate, hex pairs
	Created     bool     // a self-signed certificate was made at this start
	File        string   // the certificate's PEM file
}

// LoadCertificate returns the HTTPS certificate: the files given, or else the
// self-signed one kept in dataDir/tls. That one is made on first start and
// remade only when it nears its end or no longer covers one of this
// machine's LAN addresses (the laptop moved to another hall's network).
func LoadCertificate(dataDir, certFile, keyFile string) (Certificate, error) {
	if certFile != "" || keyFile != "" {
		return loadGiven(certFile, keyFile)
	}
	hostname, _ := os.Hostname()
	return selfSigned(filepath.Join(dataDir, "tls"), certNames(hostname), lanIPs(), time.Now())
}

func loadGiven(certFile, keyFile string) (Certificate, error) {
	pair, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return Certificate{}, fmt.Errorf("load certificate: %w", err)
	}
	c := Certificate{TLS: pair, Fingerprint: fingerprint(pair.Leaf), File: certFile}
	for _, n := range pair.Leaf.DNSNames {
		if !strings.Contains(n, "*") && n != "localhost" {
			c.Hosts = append(c.Hosts, n)
		}
	}
	for _, ip := range pair.Leaf.IPAddresses {
		if !ip.IsLoopback() {
			c.Hosts = append(c.Hosts, ip.String())
		}
	}
	return c, nil
}

// selfSigned reuses or makes the certificate in dir for names and ips.
func selfSigned(dir string, names []string, ips []net.IP, now time.Time) (Certificate, error) {
	certPath, keyPath := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	c := Certificate{Hosts: ipStrings(ips), File: certPath}
	pair, err := tls.LoadX509KeyPair(certPath, keyPath)
	if err == nil && stillGood(pair.Leaf, ips, now) {
		c.TLS, c.Fingerprint = pair, fingerprint(pair.Leaf)
		return c, nil
	}
	certPEM, keyPEM, err := makeCert(names, ips, now)
	if err != nil {
		return c, err
	}
	if err := writeCert(dir, certPath, keyPath, certPEM, keyPEM); err != nil {
		return c, err
	}
	if c.TLS, err = tls.X509KeyPair(certPEM, keyPEM); err != nil {
		return c, fmt.Errorf("read new certificate: %w", err)
	}
	c.Fingerprint, c.Created = fingerprint(c.TLS.Leaf), true
	return c, nil
}

func stillGood(leaf *x509.Certificate, ips []net.IP, now time.Time) bool {
	if leaf == nil || leaf.NotAfter.Sub(now) < certRenew || now.Before(leaf.NotBefore) {
		return false
	}
	for _, ip := range ips {
		if !slices.ContainsFunc(leaf.IPAddresses, ip.Equal) {
			return false
		}
	}
	return true
}

func makeCert(names []string, ips []net.IP, now time.Time) (certPEM, keyPEM []byte, err error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, fmt.Errorf("make key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, nil, fmt.Errorf("make serial: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: "Presente", Organization: []string{selfSignedOrg}},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(certLifetime),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:     names,
		IPAddresses:  append([]net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback}, ips...),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, fmt.Errorf("make certificate: %w", err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, nil, fmt.Errorf("encode key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), nil
}

// writeCert writes the key readable by its owner only, each file complete
// or not at all.
func writeCert(dir, certPath, keyPath string, certPEM, keyPEM []byte) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("make tls folder: %w", err)
	}
	if err := writeFileAtomic(keyPath, keyPEM, 0o600); err != nil {
		return err
	}
	return writeFileAtomic(certPath, certPEM, 0o644)
}

func writeFileAtomic(path string, data []byte, mode os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(mode)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	return nil
}

func fingerprint(leaf *x509.Certificate) string {
	if leaf == nil {
		return ""
	}
	sum := sha256.Sum256(leaf.Raw)
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(parts, ":")
}
