package store

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// crockford is Crockford's base32 alphabet: digits and upper-case letters
// without I, L, O and U, so a code survives being read aloud or typed.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// CodeLen is the length of a badge code: 16 symbols of 5 bits, 80 random bits.
const CodeLen = 16

// NewCode returns a fresh random badge code.
func NewCode() string { return randomBase32(CodeLen) }

func randomBase32(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error()) // never happens on a sane OS
	}
	for i := range b {
		b[i] = crockford[b[i]&31] // 256 is a multiple of 32: no bias
	}
	return string(b)
}

// NormalizeCode turns what a scanner or a person typed into a canonical code:
// upper case, spaces and dashes dropped, O read as 0 and I or L as 1. It
// reports false when the result cannot be a badge code.
func NormalizeCode(s string) (string, bool) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == ' ' || r == '-' || r == '\t':
			continue
		case r >= 'a' && r <= 'z':
			r -= 'a' - 'A'
		}
		switch r {
		case 'O':
			r = '0'
		case 'I', 'L':
			r = '1'
		}
		if r > 127 || !strings.ContainsRune(crockford, r) {
			return "", false
		}
		b.WriteRune(r)
		if b.Len() > CodeLen {
			return "", false
		}
	}
	if b.Len() != CodeLen {
		return "", false
	}
	return b.String(), true
}

// NewToken returns a bearer token with a readable prefix and 160 random bits.
func NewToken(prefix string) string { return prefix + "_" + strings.ToLower(randomBase32(32)) }

// HashToken is what the database keeps of a token: never the token itself.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
