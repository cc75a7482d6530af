package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"strings"
	"testing"
	"time"
)

var doctorNow = time.Date(2026, 12, 12, 9, 0, 0, 0, time.UTC)

// testLeaf is a certificate for names, Presente's own when selfSigned,
// valid until notAfter.
func testLeaf(tb testing.TB, selfSigned bool, notAfter time.Time, names ...string) *x509.Certificate {
	tb.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	org := "Example CA"
	if selfSigned {
		org = "Presente (self-signed)"
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Presente", Organization: []string{org}},
		NotBefore: doctorNow.Add(-time.Hour), NotAfter: notAfter}
	for _, n := range names {
		if ip := net.ParseIP(n); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, n)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		tb.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	return leaf
}

// TestDiagnose: a healthy setup has nothing to fix; each broken one names
// its problem and fix, and blocks when phones cannot possibly connect.
func TestDiagnose(t *testing.T) {
	year := doctorNow.AddDate(1, 0, 0)
	own := testLeaf(t, true, year, "localhost", "127.0.0.1", "192.168.1.5")
	healthy := func() doctorFacts {
		return doctorFacts{data: "/d", hasDB: true, setUp: true, addresses: []string{"192.168.1.5", "172.17.0.1"},
			https: ":8443", running: true, answers: []string{"192.168.1.5"}, cert: own, now: doctorNow}
	}
	tests := []struct {
		name    string
		change  func(*doctorFacts)
		blocks  bool
		problem string // in the first finding; "" for none
	}{
		{"healthy", func(*doctorFacts) {}, false, ""},
		{"HTTPS off", func(f *doctorFacts) { f.https, f.running, f.answers = "off", false, nil }, true, "HTTPS is off"},
		{"HTTPS on loopback only", func(f *doctorFacts) { f.https, f.answers = "127.0.0.1:8443", nil }, true, "only this computer can reach"},
		{"not running", func(f *doctorFacts) { f.running, f.answers = false, nil }, true, "not running"},
		{"no network", func(f *doctorFacts) { f.addresses, f.answers = nil, nil }, true, "no network address"},
		{"answers on no address", func(f *doctorFacts) { f.answers = nil }, true, "none of its network addresses"},
		{"certificate missing this machine's address", func(f *doctorFacts) {
			f.cert = testLeaf(t, true, year, "localhost", "127.0.0.1", "10.0.0.9")
		}, true, "does not name 192.168.1.5"},
		{"given certificate with a host name", func(f *doctorFacts) {
			f.cert = testLeaf(t, false, year, "presente.example.org")
		}, false, ""},
		{"given certificate for localhost only", func(f *doctorFacts) {
			f.cert = testLeaf(t, false, year, "localhost")
		}, true, "does not name 192.168.1.5"},
		{"certificate expired", func(f *doctorFacts) {
			f.cert = testLeaf(t, true, doctorNow.Add(-time.Hour), "192.168.1.5")
		}, true, "expired"},
		{"certificate near its end", func(f *doctorFacts) {
			f.cert = testLeaf(t, true, doctorNow.AddDate(0, 0, 10), "192.168.1.5")
		}, false, "expires on 2026-12-22"},
		{"no database yet", func(f *doctorFacts) { f.hasDB, f.setUp = false, false }, false, "no database"},
		{"no organizer yet", func(f *doctorFacts) { f.setUp = false }, false, "No organizer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := healthy()
			tt.change(&f)
			found := diagnose(f)
			if tt.problem == "" {
				if len(found) > 0 {
					t.Errorf("findings %+v, want none", found)
				}
				return
			}
			if len(found) == 0 || !strings.Contains(found[0].problem, tt.problem) || found[0].fix == "" {
				t.Fatalf("findings %+v, want first %q with a fix", found, tt.problem)
			}
			blocks := false
			for _, fd := range found {
				blocks = blocks || fd.blocks
			}
			if blocks != tt.blocks {
				t.Errorf("blocks = %v, want %v: %+v", blocks, tt.blocks, found)
			}
		})
	}
}
