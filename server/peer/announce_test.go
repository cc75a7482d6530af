package peer

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"
)

// memSites is a store of venue sites in memory.
type memSites struct {
	mu       sync.Mutex
	standbys []string
	roles    map[string]string
	origins  map[string][]string
}

func (m *memSites) Standbys(context.Context) ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.standbys), nil
}

func (m *memSites) SaveSite(_ context.Context, node, role string, origins []string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.roles[node], m.origins[node] = role, origins
	return nil
}

func (m *memSites) get(node string) (string, []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.roles[node], m.origins[node]
}

// startSitesNode starts a node that announces origins.
func startSitesNode(tb testing.TB, name string, join *Link, origins []string, standbys ...string) (*testNode, *memSites) {
	tb.Helper()
	cert, fp := testCert(tb)
	tn := &testNode{j: newJournal(), g: newGate(), cert: cert, fp: fp}
	sites := &memSites{standbys: standbys, roles: map[string]string{}, origins: map[string][]string{}}
	n, err := Start(context.Background(), Config{Name: name, Dir: tb.TempDir(), Listen: "127.0.0.1:0",
		Join: join, Cert: cert, Origins: origins, Sites: sites}, tn.j, tn.g)
	if err != nil {
		tb.Fatalf("start %s: %v", name, err)
	}
	tn.Node = n
	tb.Cleanup(func() { n.Close() })
	return tn, sites
}

// TestStandbyAndPrimaryLearnEachOthersSites: a primary learns its standby's
// addresses, the standby its primary's and that it is its standby; a venue
// that is not a standby learns nothing to send doors to.
func TestStandbyAndPrimaryLearnEachOthersSites(t *testing.T) {
	primary, pSites := startSitesNode(t, "durham", nil, []string{"https://192.0.2.10:8443"}, "durham-standby")
	_, sSites := startSitesNode(t, "durham-standby", primary.invite("durham-standby"), []string{"https://192.0.2.11:8443"})
	_, vSites := startSitesNode(t, "raleigh", primary.invite("raleigh"), []string{"https://192.0.2.12:8443"})
	eventually(t, 20*time.Second, "each learned the other's sites", func() bool {
		role, got := sSites.get("durham")
		prole, pgot := pSites.get("durham-standby")
		return role == "primary" && slices.Equal(got, []string{"https://192.0.2.10:8443"}) &&
			prole == "standby" && slices.Equal(pgot, []string{"https://192.0.2.11:8443"})
	})
	eventually(t, 10*time.Second, "the venue heard its parent", func() bool {
		_, origins := vSites.get("durham")
		return origins != nil
	})
	if role, _ := vSites.get("durham"); role != "" {
		t.Errorf("a venue that is not a standby keeps its parent as %q, want nothing", role)
	}
	if role, _ := pSites.get("raleigh"); role != "" {
		t.Errorf("the primary keeps a venue that is not its standby as %q", role)
	}
}
