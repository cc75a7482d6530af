package lan

import (
	"errors"
	"net"
	"testing"
	"time"
)

// dialFrom connects to ln from the loopback address ip.
func dialFrom(tb testing.TB, ip net.IP, ln net.Listener) net.Conn {
	tb.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: ip}, Timeout: 5 * time.Second}
	c, err := d.Dial("tcp", ln.Addr().String())
	if err != nil {
		tb.Fatalf("dial from %s: %v", ip, err)
	}
	tb.Cleanup(func() { c.Close() })
	return c
}

// TestSplit: this machine's connections go to local, the LAN's to others,
// each carrying the Site; closing one side closes the listener split.
func TestSplit(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	first := net.IPv4(127, 0, 0, 1)
	isLocal := func(a net.Addr) bool { return a.(*net.TCPAddr).IP.Equal(first) }
	local, others := Split(ln, Site{HTTPSPort: "8443"}, isLocal)
	tests := []struct {
		from net.IP
		to   net.Listener
		name string
	}{
		{first, local, "local"},
		{net.IPv4(127, 0, 0, 2), others, "others"},
	}
	for _, tt := range tests {
		dialFrom(t, tt.from, ln)
		c, err := tt.to.Accept()
		if err != nil {
			t.Fatalf("%s: accept: %v", tt.name, err)
		}
		if ip := c.RemoteAddr().(*net.TCPAddr).IP; !ip.Equal(tt.from) {
			t.Errorf("%s accepted a connection from %s, want %s", tt.name, ip, tt.from)
		}
		if s := SiteOf(c); s == nil || s.HTTPSPort != "8443" {
			t.Errorf("%s: SiteOf = %+v, want the site", tt.name, s)
		}
		c.Close()
	}
	if local.Addr() != ln.Addr() || others.Addr() != ln.Addr() {
		t.Errorf("addresses %s and %s, want %s", local.Addr(), others.Addr(), ln.Addr())
	}
	local.Close()
	if _, err := others.Accept(); !errors.Is(err, net.ErrClosed) {
		t.Errorf("others after closing local: %v, want net.ErrClosed", err)
	}
	if c, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second); err == nil {
		c.Close()
		t.Errorf("the listener split still accepts after closing local")
	}
}

func TestIsLoopback(t *testing.T) {
	tests := []struct {
		addr net.Addr
		want bool
	}{
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)}, true},
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 2)}, true},
		{&net.TCPAddr{IP: net.IPv6loopback}, true},
		{&net.TCPAddr{IP: net.IPv4(192, 168, 1, 23)}, false},
		{&net.UnixAddr{Name: "presente.sock", Net: "unix"}, false},
	}
	for _, tt := range tests {
		if got := IsLoopback(tt.addr); got != tt.want {
			t.Errorf("IsLoopback(%s) = %v, want %v", tt.addr, got, tt.want)
		}
	}
}
