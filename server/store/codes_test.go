package store

import (
	"strings"
	"testing"
)

func TestNewCode(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		c := NewCode()
		if len(c) != CodeLen {
			t.Fatalf("NewCode() = %q, want %d symbols", c, CodeLen)
		}
		if got, ok := NormalizeCode(c); !ok || got != c {
			t.Fatalf("NormalizeCode(%q) = %q, %v; want it unchanged", c, got, ok)
		}
		if seen[c] {
			t.Fatalf("NewCode repeated %q", c)
		}
		seen[c] = true
	}
}

func TestNormalizeCode(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"7KQ2M9XD4TBW0RHA", "7KQ2M9XD4TBW0RHA", true},
		{"7kq2 m9xd 4tbw 0rha", "7KQ2M9XD4TBW0RHA", true},
		{"7KQ2-M9XD-4TBW-ORHA", "7KQ2M9XD4TBW0RHA", true}, // O read as zero
		{"IKQ2M9XD4TBW0RHL", "1KQ2M9XD4TBW0RH1", true},    // I and L read as one
		{"", "", false},
		{"7KQ2M9XD4TBW0RH", "", false},   // too short
		{"7KQ2M9XD4TBW0RHAA", "", false}, // too long
		{"7KQ2M9XD4TBW0RHU", "", false},  // U is not in the alphabet
		{"7KQ2M9XD4TBW0RH!", "", false},
		{"7KQ2M9XD4TBW0RHÁ", "", false},
		{"<script>alert(1)</script>", "", false},
	}
	for _, tt := range tests {
		got, ok := NormalizeCode(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NormalizeCode(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func FuzzNormalizeCode(f *testing.F) {
	for _, s := range []string{"7KQ2M9XD4TBW0RHA", "7kq2 m9xd", "", "ÁÉÍ", "\x00\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := NormalizeCode(s)
		if !ok {
			return
		}
		if len(got) != CodeLen {
			t.Fatalf("NormalizeCode(%q) = %q: wrong length", s, got)
		}
		if again, ok := NormalizeCode(got); !ok || again != got {
			t.Fatalf("NormalizeCode is not idempotent on %q", got)
		}
	})
}

// TestCodeEntropy: a badge code holds 80 random bits, a pairing code 100,
// a bearer token 160: five bits a symbol.
func TestCodeEntropy(t *testing.T) {
	for _, tt := range []struct {
		what string
		code string
		bits int
	}{
		{"badge code", NewCode(), 80},
		{"pairing code", randomBase32(pairingLen), 100},
		{"bearer token", strings.TrimPrefix(NewToken("door"), "door_"), 160},
	} {
		if got := 5 * len(tt.code); got < tt.bits {
			t.Errorf("%s %q holds %d bits, want %d", tt.what, tt.code, got, tt.bits)
		}
	}
}
