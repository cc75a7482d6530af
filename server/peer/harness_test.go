package peer

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"fmt"
	"log/slog"
	"maps"
	"math/big"
	"net"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// memJournal is a store in memory: an outbox to publish, and what was
// applied from other nodes.
type memJournal struct {
	mu        sync.Mutex
	outbox    []Entry
	published int64
	applied   map[string]bool
	forbid    map[string]bool
	notYet    map[string]int // writes that do not apply yet, so many more times
	tried     map[string]int // how many times each write was tried
	links     []LinkState

	rosterBox  []Entry
	rosterDone int64
}

func newJournal() *memJournal {
	return &memJournal{applied: map[string]bool{}, forbid: map[string]bool{}, notYet: map[string]int{}, tried: map[string]int{}}
}

// write commits a write of this node to the action a1, as a store's
// trigger would.
func (j *memJournal) write(id string) { j.writeTo(id, "a1") }

// writeTo commits a write of this node to action.
func (j *memJournal) writeTo(id, action string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	seq := int64(len(j.outbox) + 1)
	j.outbox = append(j.outbox, Entry{Seq: seq, ID: "checkin:" + id, Kind: "checkin", Action: action, Data: []byte(id)})
}

func (j *memJournal) has(id string) bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.applied[id]
}

// appliedIDs is every write and record applied, sorted.
func (j *memJournal) appliedIDs() []string {
	j.mu.Lock()
	defer j.mu.Unlock()
	return slices.Sorted(maps.Keys(j.applied))
}

// tries is how many times the write id was handed to Apply.
func (j *memJournal) tries(id string) int { return j.triedTimes(id) }

// triedTimes is how many times the write id was tried.
func (j *memJournal) triedTimes(id string) int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.tried[id]
}

func (j *memJournal) count() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return len(j.applied)
}

func (j *memJournal) Outbox(_ context.Context, after int64, limit int) ([]Entry, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	out := j.outbox[min(int(after), len(j.outbox)):]
	return slices.Clone(out[:min(limit, len(out))]), nil
}

func (j *memJournal) Published(context.Context) (int64, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.published, nil
}

func (j *memJournal) SetPublished(_ context.Context, seq int64) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.published = seq
	return nil
}

func (j *memJournal) OutboxEnd(context.Context) (int64, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return int64(len(j.outbox)), nil
}

func (j *memJournal) Apply(_ context.Context, writes []Incoming) []error {
	j.mu.Lock()
	defer j.mu.Unlock()
	errs := make([]error, len(writes))
	for i, w := range writes {
		if j.forbid[w.Via] {
			errs[i] = ErrForbidden
			continue
		}
		j.tried[string(w.Data)]++
		if j.notYet[string(w.Data)] > 0 {
			j.notYet[string(w.Data)]--
			errs[i] = ErrNotYet
			continue
		}
		j.applied[string(w.Data)] = true
	}
	return errs
}

// refuse makes the journal refuse every write that came by the link to via.
func (j *memJournal) refuse(via string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.forbid[via] = true
}

func (j *memJournal) SaveLinks(_ context.Context, links []LinkState) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.links = links
	return nil
}

// memGate allows the nodes it was told about, and keeps what each told of
// the nodes below it.
type memGate struct {
	mu      sync.Mutex
	secrets map[string]string
	revoked map[string]bool
	below   map[string][]Below
	shares  map[string][]string // the actions a child shares; every one when absent
	// afterTree, when set, runs once right after a read of the tree, as a
	// "peer add" landing between the node's reads would.
	afterTree func()
}

func newGate() *memGate {
	return &memGate{secrets: map[string]string{}, revoked: map[string]bool{}, below: map[string][]Below{},
		shares: map[string][]string{}}
}

func (g *memGate) Tree(context.Context) ([]Below, error) {
	g.mu.Lock()
	out := []Below{}
	for _, c := range slices.Sorted(maps.Keys(g.secrets)) {
		out = append(out, Below{Name: c, Every: true})
		out = append(out, g.below[c]...)
	}
	after := g.afterTree
	g.afterTree = nil
	g.mu.Unlock()
	if after != nil {
		after()
	}
	return out, nil
}

// onTreeRead has f run once, right after the next read of the tree.
func (g *memGate) onTreeRead(f func()) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.afterTree = f
}

func (g *memGate) Shares(context.Context) ([]Below, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := []Below{}
	for _, c := range slices.Sorted(maps.Keys(g.secrets)) {
		actions, scoped := g.shares[c]
		out = append(out, Below{Name: c, Every: !scoped, Actions: actions})
	}
	return out, nil
}

// share limits the child called name to actions.
func (g *memGate) share(name string, actions ...string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.shares[name] = actions
}

func (g *memGate) SetTree(_ context.Context, via string, below []Below) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.below[via] = below
	return nil
}

func (g *memGate) Owns(_ context.Context, via, origin string) (bool, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if origin == via {
		return true, nil
	}
	if _, child := g.secrets[origin]; child {
		return false, nil
	}
	return slices.ContainsFunc(g.below[via], func(b Below) bool { return b.Name == origin }), nil
}

// told is what the child via told of the nodes below it.
func (g *memGate) told(via string) []Below {
	g.mu.Lock()
	defer g.mu.Unlock()
	return slices.Clone(g.below[via])
}

func (g *memGate) add(name string) string {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.secrets[name] = randomSecret()
	return g.secrets[name]
}

func (g *memGate) revoke(name string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.revoked[name] = true
}

func (g *memGate) Allowed(_ context.Context, name, secret string) (bool, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return secret != "" && g.secrets[name] == secret && !g.revoked[name], nil
}

func (g *memGate) Children(context.Context) ([]string, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	var out []string
	for n := range g.secrets {
		out = append(out, n)
	}
	slices.Sort(out)
	return out, nil
}

func (g *memGate) Revoked(context.Context) ([]string, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	var out []string
	for n := range g.revoked {
		out = append(out, n)
	}
	return out, nil
}

// testNode is a running node with its journal and gate.
type testNode struct {
	*Node
	j    *memJournal
	g    *memGate
	cert tls.Certificate
	fp   string
}

// startNode starts a node called name, accepting others on loopback, and
// joining join when it is not nil.
func startNode(tb testing.TB, name string, join *Link) *testNode {
	tb.Helper()
	return startNodeOn(tb, name, join, "127.0.0.1:0")
}

// startNodeOn starts a node as startNode does, accepting others on listen
// ("" for none).
func startNodeOn(tb testing.TB, name string, join *Link, listen string) *testNode {
	tb.Helper()
	cert, fp := testCert(tb)
	tn := &testNode{j: newJournal(), g: newGate(), cert: cert, fp: fp}
	n, err := Start(context.Background(), Config{Name: name, Dir: tb.TempDir(), Listen: listen,
		Join: join, Cert: cert, Log: failureLog(tb, name)}, tn.j, tn.g)
	if err != nil {
		tb.Fatalf("start %s: %v", name, err)
	}
	tn.Node = n
	tb.Cleanup(func() { n.Close() })
	return tn
}

// failureLog keeps a node's log, the embedded server's notices too, and
// shows its last lines only if the test fails: why a link did not come up
// on a loaded machine is otherwise lost.
func failureLog(tb testing.TB, name string) *slog.Logger {
	w := &lastLines{}
	tb.Cleanup(func() {
		if tb.Failed() {
			tb.Logf("log of %s:\n%s", name, w.String())
		}
	})
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// lastLines keeps the last 200 lines written to it.
type lastLines struct {
	mu    sync.Mutex
	lines []string
}

func (w *lastLines) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.lines = append(w.lines, string(p))
	if len(w.lines) > 200 {
		w.lines = w.lines[len(w.lines)-200:]
	}
	return len(p), nil
}

func (w *lastLines) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return strings.Join(w.lines, "")
}

// invite allows a node called name to join tn and returns its link.
func (tn *testNode) invite(name string) *Link {
	return &Link{Addr: tn.LeafAddr(), Parent: tn.cfg.Name, Name: name, Secret: tn.g.add(name), Fingerprint: tn.fp}
}

// linkUp reports whether tn sees its link to name up.
func (tn *testNode) linkUp(name string) bool {
	for _, l := range tn.Links() {
		if l.Name == name {
			return l.Up
		}
	}
	return false
}

// linkWithin bounds the wait for a link to come up. On a loaded machine
// under the race detector a first leaf connection can time out and its
// retry meet its own stale connection at the parent, which NATS takes for
// a loop and answers with a 30 s pause before the next try.
const linkWithin = 15 * time.Second // three times over, in eventually

// eventually waits for cond up to d, what a quiet machine needs, times
// three: the race detector on a loaded machine is that much slower, and a
// wait here bounds a test, it measures nothing.
func eventually(tb testing.TB, d time.Duration, what string, cond func() bool) {
	tb.Helper()
	d *= 3
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("after %v: %s", d, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func testCert(tb testing.TB) (tls.Certificate, string) {
	tb.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		tb.Fatal(err)
	}
	sum := sha256.Sum256(der)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, hex.EncodeToString(sum[:])
}

func ids(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s-%04d", prefix, i)
	}
	return out
}

// restart stops tn and starts it again on the same folder, address and
// journal, as a laptop that was switched off and on.
func (tn *testNode) restart(tb testing.TB, down time.Duration) {
	tb.Helper()
	cfg := tn.cfg
	if cfg.Listen != "" {
		cfg.Listen = tn.LeafAddr()
	}
	tn.restartWith(tb, down, cfg)
}

// restartWith restarts tn as restart does, with cfg.
func (tn *testNode) restartWith(tb testing.TB, down time.Duration, cfg Config) {
	tb.Helper()
	tn.Close()
	time.Sleep(down)
	n, err := Start(context.Background(), cfg, tn.j, tn.g)
	if err != nil {
		tb.Fatalf("restart %s: %v", cfg.Name, err)
	}
	tn.Node = n
	tb.Cleanup(func() { n.Close() })
}

// roster changes a record of the hub's roster, as a store's trigger would.
func (j *memJournal) roster(key string) { j.rosterOf(key, "leader", "") }

// rosterOf changes a record of kind of the hub's roster, of action ("" for
// none).
func (j *memJournal) rosterOf(key, kind, action string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	seq := int64(len(j.rosterBox) + 1)
	j.rosterBox = append(j.rosterBox, Entry{Seq: seq, ID: key, Kind: kind, Action: action, Data: []byte("roster:" + key)})
}

func (j *memJournal) RosterOutbox(_ context.Context, after int64, limit int) ([]Entry, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	out := j.rosterBox[min(int(after), len(j.rosterBox)):]
	return slices.Clone(out[:min(limit, len(out))]), nil
}

func (j *memJournal) RosterPublished(context.Context) (int64, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.rosterDone, nil
}

func (j *memJournal) SetRosterPublished(_ context.Context, seq int64) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.rosterDone = seq
	return nil
}

func (j *memJournal) ApplyRoster(_ context.Context, records []Incoming) []error {
	j.mu.Lock()
	defer j.mu.Unlock()
	for _, r := range records {
		j.applied[string(r.Data)] = true
	}
	return make([]error, len(records))
}
