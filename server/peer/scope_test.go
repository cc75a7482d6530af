package peer

import (
	"context"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// TestScopedNodesReceiveOnlyTheirActions: durham shares a1 and a3, its
// standby a1 only, raleigh a2, cary every action. Each receives, in its
// streams and in its store, the writes and action records of its actions
// only, and the records every node needs; the hub and cary hold them all.
func TestScopedNodesReceiveOnlyTheirActions(t *testing.T) {
	hub := startNode(t, "hub", nil)
	hub.g.share("durham", "a1", "a3")
	hub.g.share("raleigh", "a2")
	d := startNode(t, "durham", hub.invite("durham"))
	d.g.share("durham-standby", "a1")
	s := startNode(t, "durham-standby", d.invite("durham-standby"))
	r := startNode(t, "raleigh", hub.invite("raleigh"))
	c := startNode(t, "cary", hub.invite("cary"))

	for _, a := range []string{"a1", "a2", "a3"} {
		hub.j.writeTo("hub-"+a, a)
		hub.j.rosterOf("action-"+a, "action", a)
	}
	hub.j.roster("leader-1")
	d.j.writeTo("durham-a3", "a3")
	s.j.writeTo("standby-a1", "a1")
	r.j.writeTo("raleigh-a2", "a2")
	for _, n := range []*testNode{hub, d, s, r} {
		n.Notify()
	}
	want := map[*testNode][]string{
		hub: {"durham-a3", "standby-a1", "raleigh-a2"},
		d:   {"hub-a1", "hub-a3", "standby-a1", "roster:action-a1", "roster:action-a3", "roster:leader-1"},
		s:   {"hub-a1", "roster:action-a1", "roster:leader-1"},
		r:   {"hub-a2", "roster:action-a2", "roster:leader-1"},
		c: {"hub-a1", "hub-a2", "hub-a3", "durham-a3", "standby-a1", "raleigh-a2", "roster:action-a1",
			"roster:action-a2", "roster:action-a3", "roster:leader-1"},
	}
	eventually(t, 20*time.Second, "every node has what it shares", func() bool {
		for n, ids := range want {
			for _, id := range ids {
				if !n.j.has(id) {
					return false
				}
			}
		}
		return true
	})
	time.Sleep(2 * time.Second) // what should not come has had its chance
	for n, ids := range want {
		if n == hub {
			continue
		}
		if got := n.j.appliedIDs(); !slices.Equal(got, slices.Sorted(slices.Values(ids))) {
			t.Errorf("%s applied %v, want %v", n.cfg.Name, got, ids)
		}
	}
	for _, tc := range []struct {
		n      *testNode
		stream string
		not    []string
	}{
		{d, streamAll, []string{".a2."}}, {d, streamRoster, []string{".a2."}},
		{s, streamAll, []string{".a2.", ".a3."}}, {s, streamRoster, []string{".a2.", ".a3."}},
		{r, streamAll, []string{".a1.", ".a3."}}, {r, streamRoster, []string{".a1.", ".a3."}},
		{hub, allFor("raleigh"), []string{".a1.", ".a3."}}, {d, allFor("durham-standby"), []string{".a3."}},
	} {
		for _, subject := range streamSubjects(t, tc.n, tc.stream) {
			for _, not := range tc.not {
				if strings.Contains(subject, not) {
					t.Errorf("%s's %s holds %s", tc.n.cfg.Name, tc.stream, subject)
				}
			}
		}
	}
}

// TestScopeChangesWhileLinked: an action shared later comes down with its
// history, without a restart; once no longer shared, its new writes do not.
func TestScopeChangesWhileLinked(t *testing.T) {
	hub := startNode(t, "hub", nil)
	hub.g.share("durham", "a1")
	d := startNode(t, "durham", hub.invite("durham"))
	hub.j.writeTo("early-a2", "a2")
	hub.j.writeTo("early-a1", "a1")
	hub.Notify()
	eventually(t, 10*time.Second, "a1 at durham", func() bool { return d.j.has("early-a1") })
	if d.j.has("early-a2") {
		t.Fatal("durham received a write of a2 before sharing it")
	}

	hub.g.share("durham", "a1", "a2")
	eventually(t, 10*time.Second, "a2's history at durham once shared", func() bool { return d.j.has("early-a2") })

	hub.g.share("durham", "a1")
	time.Sleep(2 * time.Second) // the hub's next look at its links
	hub.j.writeTo("late-a2", "a2")
	hub.j.writeTo("late-a1", "a1")
	hub.Notify()
	eventually(t, 10*time.Second, "a1 still at durham", func() bool { return d.j.has("late-a1") })
	time.Sleep(time.Second)
	if d.j.has("late-a2") {
		t.Error("durham received a write of a2 after it stopped sharing it")
	}
	if n := d.j.triedTimes("early-a2"); n != 1 {
		t.Errorf("durham applied early-a2 %d times, want once", n)
	}
}

// TestScopedNodeCannotFollowOtherActions: durham, which shares a1 only,
// its own server in hand, tries what a hostile node would to read the
// hub's writes of a2: consumers on the hub's ALL and on what the hub keeps
// for raleigh (pushing to where durham's link may receive), a stream read,
// a direct get, and plain subscriptions. None of it is let through.
func TestScopedNodeCannotFollowOtherActions(t *testing.T) {
	hub := startNode(t, "hub", nil)
	hub.g.share("durham", "a1")
	hub.g.share("raleigh", "a2")
	a := startNode(t, "durham", hub.invite("durham"))
	startNode(t, "raleigh", hub.invite("raleigh"))
	eventually(t, linkWithin, "both venues linked", func() bool { return hub.linkUp("durham") && hub.linkUp("raleigh") })
	hub.j.writeTo("secret", "a2")
	hub.j.writeTo("open", "a1")
	hub.Notify()
	eventually(t, 10*time.Second, "a1 at durham", func() bool { return a.j.has("open") })

	var mu sync.Mutex
	var leaked []string
	own := deliverDown("durham") + ".>" // durham may receive there: the hostile consumers push there
	for _, subject := range []string{own, ">", "all.>", deliverDown("raleigh") + ".>", "src.>"} {
		sub, err := a.nc.Subscribe(subject, func(m *nats.Msg) {
			mu.Lock()
			defer mu.Unlock()
			if strings.Contains(string(m.Data), "secret") {
				leaked = append(leaked, m.Subject)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		defer sub.Unsubscribe()
	}
	hubJS, err := jetstream.NewWithDomain(a.nc, "hub")
	if err != nil {
		t.Fatal(err)
	}
	for _, stream := range []string{streamAll, allFor("raleigh"), streamRoster, rosterFor("raleigh")} {
		for _, filter := range []string{"", "all.a2.>"} {
			if err := pushConsumer(hubJS, stream, filter, deliverDown("durham")+".hostile"); err == nil {
				t.Errorf("durham made a consumer on the hub's %s (filter %q)", stream, filter)
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		if _, err := hubJS.Stream(ctx, stream); err == nil {
			t.Errorf("durham read the hub's stream %s", stream)
		}
		cancel()
	}
	if _, err := a.nc.Request(apiPrefix("hub")+".DIRECT.GET."+streamAll, []byte(`{"seq":1}`), time.Second); err == nil {
		t.Error("durham read a message of the hub's ALL")
	}
	// the hub publishes on the subjects a2 travels on; a copy would reach
	// durham only through a subscription the link let through
	hub.nc.Publish("all.a2.probe", []byte("secret"))
	hub.nc.Publish(deliverDown("raleigh")+".probe", []byte("secret"))
	hub.nc.Flush()
	// what the hub keeps for durham, durham may follow: the refusals
	// above are the link's permissions, not a broken link
	if err := pushConsumer(hubJS, allFor("durham"), "", deliverDown("durham")+".mine"); err != nil {
		t.Errorf("durham following what the hub keeps for it: %v", err)
	}
	time.Sleep(time.Second)
	mu.Lock()
	defer mu.Unlock()
	if len(leaked) > 0 {
		t.Errorf("durham received a2's messages on %v", leaked)
	}
}

// pushConsumer asks js for a consumer on stream that pushes to deliver.
func pushConsumer(js jetstream.JetStream, stream, filter, deliver string) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, err := js.CreateOrUpdatePushConsumer(ctx, stream, jetstream.ConsumerConfig{FilterSubject: filter,
		DeliverSubject: deliver, InactiveThreshold: time.Minute})
	return err
}

// streamSubjects is every subject stream holds at tn.
func streamSubjects(tb testing.TB, tn *testNode, stream string) []string {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	s, err := tn.js.Stream(ctx, stream)
	if err != nil {
		tb.Fatalf("%s's stream %s: %v", tn.cfg.Name, stream, err)
	}
	info, err := s.Info(ctx, jetstream.WithSubjectFilter(">"))
	if err != nil {
		tb.Fatalf("%s's stream %s: %v", tn.cfg.Name, stream, err)
	}
	if len(info.State.Subjects) == 0 {
		tb.Errorf("%s's stream %s holds nothing", tn.cfg.Name, stream)
	}
	return slices.Sorted(maps.Keys(info.State.Subjects))
}
