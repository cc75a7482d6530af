package lan

import (
	"crypto/tls"
	"crypto/x509"
	"net"
	"slices"
	"testing"
	"time"
)

// TestSiteOrigin: a phone is sent to the HTTPS port of the host it asked
// for, and to the best LAN address when it asked for this machine by name.
func TestSiteOrigin(t *testing.T) {
	lanSite := Site{HTTPSPort: "8443", Hosts: []string{"192.168.1.23", "10.0.0.7"}}
	tests := []struct {
		site Site
		host string
		want string
	}{
		{lanSite, "192.168.1.23:8080", "https://192.168.1.23:8443"},
		{lanSite, "salon.local:8080", "https://salon.local:8443"},
		{lanSite, "localhost:8080", "https://192.168.1.23:8443"},
		{lanSite, "127.0.0.1:8080", "https://192.168.1.23:8443"},
		{lanSite, "[::1]:8080", "https://192.168.1.23:8443"},
		{lanSite, "0.0.0.0", "https://192.168.1.23:8443"},
		{Site{HTTPSPort: "8443"}, "localhost:8080", "https://localhost:8443"},
		{Site{HTTPSPort: "443", Hosts: []string{"fd00::5"}}, "localhost", "https://[fd00::5]"},
		{Site{HTTPSPort: "443"}, "presente.example.org", "https://presente.example.org"},
		{Site{HTTPSPort: "8443"}, "[fd00::5]:8080", "https://[fd00::5]:8443"},
	}
	for _, tt := range tests {
		if got := tt.site.Origin(tt.host); got != tt.want {
			t.Errorf("%v.Origin(%q) = %q, want %q", tt.site, tt.host, got, tt.want)
		}
	}
}

// TestNewSite: HTTPS on every interface offers the certificate's addresses;
// on one address, only that one.
func TestNewSite(t *testing.T) {
	cert := Certificate{Hosts: []string{"192.168.1.23", "10.0.0.7"}, Fingerprint: "AB:CD"}
	tests := []struct {
		addr  string
		hosts []string
	}{
		{"0.0.0.0:8443", cert.Hosts},
		{"[::]:8443", cert.Hosts},
		{"10.0.0.7:8443", []string{"10.0.0.7"}},
	}
	for _, tt := range tests {
		addr, err := net.ResolveTCPAddr("tcp", tt.addr)
		if err != nil {
			t.Fatal(err)
		}
		site := NewSite(addr, cert)
		if site.HTTPSPort != "8443" || !slices.Equal(site.Hosts, tt.hosts) || site.Fingerprint != cert.Fingerprint {
			t.Errorf("NewSite(%s) = %+v, want port 8443, hosts %v, the fingerprint", tt.addr, site, tt.hosts)
		}
	}
}

// TestTLSListenerCarriesSite: a connection accepted over TLS answers with
// the certificate and carries the Site; any other connection carries none.
func TestTLSListenerCarriesSite(t *testing.T) {
	cert, err := selfSigned(t.TempDir(), certNames("test"), nil, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	site := Site{HTTPSPort: "8443", Hosts: []string{"192.0.2.10"}}
	tl := TLSListener(ln, cert, site)
	defer tl.Close()
	got := make(chan *Site, 1)
	go func() {
		c, err := tl.Accept()
		if err != nil {
			got <- nil
			return
		}
		defer c.Close()
		c.(*tls.Conn).Handshake()
		got <- SiteOf(c)
	}()
	roots := x509.NewCertPool()
	roots.AddCert(cert.TLS.Leaf)
	c, err := tls.Dial("tcp", ln.Addr().String(), &tls.Config{RootCAs: roots, ServerName: "localhost"})
	if err != nil {
		t.Fatalf("TLS with our certificate: %v", err)
	}
	defer c.Close()
	if s := <-got; s == nil || s.Hosts[0] != "192.0.2.10" {
		t.Errorf("SiteOf an accepted connection = %+v, want the site", s)
	}
	if s := SiteOf(c); s != nil {
		t.Errorf("SiteOf a dialed connection = %+v, want nil", s)
	}
}

// TestTLSListenerRefusesOldTLS: nothing older than TLS 1.2 is spoken.
func TestTLSListenerRefusesOldTLS(t *testing.T) {
	cert, err := LoadCertificate(t.TempDir(), "", "")
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	tl := TLSListener(ln, cert, Site{})
	defer tl.Close()
	go func() {
		for {
			c, err := tl.Accept()
			if err != nil {
				return
			}
			go func() { c.(*tls.Conn).Handshake(); c.Close() }()
		}
	}()
	for _, v := range []uint16{tls.VersionTLS10, tls.VersionTLS11} {
		c, err := tls.Dial("tcp", ln.Addr().String(), &tls.Config{InsecureSkipVerify: true, MinVersion: v, MaxVersion: v})
		if err == nil {
			c.Close()
			t.Errorf("a TLS %x handshake succeeded, want it refused", v)
		}
	}
	c, err := tls.Dial("tcp", ln.Addr().String(), &tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS12, MaxVersion: tls.VersionTLS12})
	if err != nil {
		t.Fatalf("TLS 1.2: %v", err)
	}
	c.Close()
}
