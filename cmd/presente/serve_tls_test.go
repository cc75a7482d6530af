package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// servedTLS is a running "presente serve" and what it logged.
type servedTLS struct {
	http, https string
	stderr      *lockedBuffer
}

// startServeTLS runs serve until stop is called or the test ends.
func startServeTLS(tb testing.TB, env map[string]string, args ...string) (servedTLS, func()) {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut lockedBuffer
	done := make(chan int, 1)
	getenv := func(k string) string { return env[k] }
	go func() {
		done <- run(ctx, append([]string{"presente", "serve"}, args...), getenv, strings.NewReader(""), &out, &errOut)
	}()
	stopped := false
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		if code := <-done; code != 0 {
			tb.Errorf("serve exited %d: %s", code, errOut.String())
		}
	}
	tb.Cleanup(stop)
	re := regexp.MustCompile(`msg=serving http=(http://\S+) https=(\S*)`)
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := re.FindStringSubmatch(errOut.String()); m != nil {
			return servedTLS{http: m[1], https: strings.Trim(m[2], `"`), stderr: &errOut}, stop
		}
	}
	tb.Fatalf("serve said nothing of where it listens: %s", errOut.String())
	return servedTLS{}, stop
}

func tlsClient(roots *x509.CertPool, name string) *http.Client {
	return &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: roots, ServerName: name}}}
}

func tlsStatus(tb testing.TB, c *http.Client, url string) int {
	tb.Helper()
	resp, err := c.Get(url)
	if err != nil {
		tb.Fatalf("GET %s: %v", url, err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestServeTLSSelfSignedKeptAndReused: the first start makes a certificate
// in the data folder (key 0600) and serves HTTPS with it beside HTTP; the
// next start serves the same certificate.
func TestServeTLSSelfSignedKeptAndReused(t *testing.T) {
	data := t.TempDir()
	s, stop := startServeTLS(t, nil, "--data", data, "--http", "127.0.0.1:0")
	if !strings.HasPrefix(s.https, "https://127.0.0.1:") {
		t.Fatalf("https address %q; want a free port on HTTP's host", s.https)
	}
	certPEM, err := os.ReadFile(filepath.Join(data, "tls", "cert.pem"))
	if err != nil {
		t.Fatalf("no certificate in the data folder: %v", err)
	}
	if st, err := os.Stat(filepath.Join(data, "tls", "key.pem")); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("key file: %v %v, want mode 0600", st.Mode().Perm(), err)
	}
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(certPEM)
	if got := tlsStatus(t, tlsClient(roots, "localhost"), s.https+"healthz"); got != 200 {
		t.Errorf("HTTPS healthz = %d", got)
	}
	if got := tlsStatus(t, http.DefaultClient, s.http+"/api/session"); got != 401 {
		t.Errorf("plain HTTP from this machine: /api/session = %d, want the app's 401", got)
	}
	if !strings.Contains(s.stderr.String(), "made a self-signed certificate") {
		t.Errorf("the first start did not say it made a certificate")
	}
	stop()

	s2, _ := startServeTLS(t, nil, "--data", data, "--http", "127.0.0.1:0")
	if got := tlsStatus(t, tlsClient(roots, "localhost"), s2.https+"healthz"); got != 200 {
		t.Errorf("restart: HTTPS with the first certificate = %d", got)
	}
	if strings.Contains(s2.stderr.String(), "made a self-signed certificate") {
		t.Errorf("the restart made a new certificate")
	}
}

// TestServeTLSFlagsFromEnvironment: PRESENTE_TLS_CERT/KEY serve a given
// certificate; PRESENTE_HTTPS=off serves plain HTTP only.
func TestServeTLSFlagsFromEnvironment(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile := writeTLSCert(t, dir, "presente.test")
	s, _ := startServeTLS(t, map[string]string{"PRESENTE_TLS_CERT": certFile, "PRESENTE_TLS_KEY": keyFile,
		"PRESENTE_DATA": filepath.Join(dir, "data")}, "--http", "127.0.0.1:0")
	certPEM, _ := os.ReadFile(certFile)
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(certPEM)
	if got := tlsStatus(t, tlsClient(roots, "presente.test"), s.https+"healthz"); got != 200 {
		t.Errorf("HTTPS with the given certificate = %d", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "tls")); err == nil {
		t.Errorf("a self-signed certificate was made although one was given")
	}

	off, _ := startServeTLS(t, map[string]string{"PRESENTE_HTTPS": "off"}, "--data", t.TempDir(), "--http", "127.0.0.1:0")
	if off.https != "" {
		t.Errorf("PRESENTE_HTTPS=off still serves HTTPS at %q", off.https)
	}
}

func writeTLSCert(tb testing.TB, dir, name string) (string, string) {
	tb.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: name}, DNSNames: []string{name},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		tb.Fatal(err)
	}
	keyDER, _ := x509.MarshalPKCS8PrivateKey(key)
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600)
	return certFile, keyFile
}
