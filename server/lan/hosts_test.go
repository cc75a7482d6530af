package lan

import (
	"crypto/tls"
	"crypto/x509"
	"net"
	"slices"
	"testing"
)

func TestCertNames(t *testing.T) {
	tests := []struct {
		hostname string
		want     []string
	}{
		{"", []string{"localhost"}},
		{"localhost", []string{"localhost"}},
		{" Salon-Parroquial ", []string{"localhost", "salon-parroquial", "salon-parroquial.local"}},
		{"presente.example.org", []string{"localhost", "presente.example.org"}},
	}
	for _, tt := range tests {
		if got := certNames(tt.hostname); !slices.Equal(got, tt.want) {
			t.Errorf("certNames(%q) = %v, want %v", tt.hostname, got, tt.want)
		}
	}
}

// TestOwnNames: the certificate's names and addresses, wildcard included,
// the machine's, and those given.
func TestOwnNames(t *testing.T) {
	leaf := &x509.Certificate{DNSNames: []string{"presente.example.org", "*.salon.example.org"},
		IPAddresses: []net.IP{net.ParseIP("203.0.113.5")}}
	cert := Certificate{TLS: tls.Certificate{Leaf: leaf}, Hosts: []string{"presente.example.org"}}
	got := ownNames(cert, []string{"localhost", "salon"}, []net.IP{net.ParseIP("192.168.1.20")}, []string{"proxy.example.org"})
	want := []string{"*.salon.example.org", "192.168.1.20", "203.0.113.5", "localhost", "presente.example.org", "proxy.example.org", "salon"}
	if !slices.Equal(got, want) {
		t.Errorf("ownNames = %v, want %v", got, want)
	}
}
