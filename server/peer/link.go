package peer

import (
	"crypto/sha256"
	"crypto/subtle"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// linkScheme starts every join link, so a pasted line is recognized as one.
const linkScheme = "presente-peer"

// Link is what a node needs to join another, carried in one line that
// "presente peer add" prints: the joined node's address and name, the name
// and secret of the node joining, and the fingerprint of the joined node's
// certificate, so the joining node trusts that certificate and no other.
type Link struct {
	Addr        string // host:port of the node to join (its --peers)
	Parent      string // the name of the node to join
	Name        string // the name of the joining node
	Secret      string
	Fingerprint string // SHA-256 of the joined node's certificate, hex
	Venue       string // the venue the joining node counts in; "": its own (it joins the hub)
}

// String writes the link as one line.
func (l Link) String() string {
	q := url.Values{"fp": {l.Fingerprint}}
	if l.Venue != "" && l.Venue != l.Name {
		q.Set("venue", l.Venue)
	}
	u := url.URL{Scheme: linkScheme, User: url.UserPassword(l.Name, l.Secret), Host: l.Addr, Path: "/" + l.Parent,
		RawQuery: q.Encode()}
	return u.String()
}

// ParseLink reads a join link as String wrote it.
func ParseLink(s string) (Link, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Scheme != linkScheme || u.User == nil {
		return Link{}, errors.New("not a join link: ask the node you join for one (presente peer add NAME)")
	}
	l := Link{Addr: u.Host, Parent: strings.TrimPrefix(u.Path, "/"), Name: u.User.Username(),
		Fingerprint: NormalizeFingerprint(u.Query().Get("fp")), Venue: u.Query().Get("venue")}
	l.Secret, _ = u.User.Password()
	if _, _, err := net.SplitHostPort(l.Addr); err != nil {
		return Link{}, fmt.Errorf("join link: address %q: %w", l.Addr, err)
	}
	if l.Parent == "" || l.Name == "" || l.Secret == "" || len(l.Fingerprint) != 64 {
		return Link{}, errors.New("join link: incomplete, copy the whole line")
	}
	return l, nil
}

// NormalizeFingerprint turns "AB:CD:..." or "abcd..." into lower-case hex.
func NormalizeFingerprint(fp string) string {
	return strings.ToLower(strings.ReplaceAll(fp, ":", ""))
}

// pinned is a TLS client configuration that accepts only the certificate
// whose SHA-256 is fingerprint: the joined node's self-signed certificate
// is trusted because the link named it, not because a CA signed it.
func pinned(fingerprint string) *tls.Config {
	want, _ := hex.DecodeString(fingerprint)
	return &tls.Config{
		MinVersion:         tls.VersionTLS12,
		InsecureSkipVerify: true, // replaced by the pin below
		VerifyPeerCertificate: func(raw [][]byte, _ [][]*x509.Certificate) error {
			if len(raw) == 0 {
				return errors.New("peer sent no certificate")
			}
			sum := sha256.Sum256(raw[0])
			if subtle.ConstantTimeCompare(sum[:], want) != 1 {
				return errors.New("peer certificate does not match the join link's fingerprint")
			}
			return nil
		},
	}
}
