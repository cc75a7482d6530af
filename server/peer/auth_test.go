package peer

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// TestJoinedNodeCannotReachAnotherVenuesJetStream: durham, its own server
// in hand, asks raleigh's JetStream, through the hub, to delete raleigh's
// streams and to list its consumers. Nothing of it crosses the hub.
func TestJoinedNodeCannotReachAnotherVenuesJetStream(t *testing.T) {
	hub := startNode(t, "hub", nil)
	a := startNode(t, "durham", hub.invite("durham"))
	b := startNode(t, "raleigh", hub.invite("raleigh"))
	eventually(t, linkWithin, "both venues linked", func() bool { return hub.linkUp("durham") && hub.linkUp("raleigh") })
	raleigh, err := jetstream.NewWithDomain(a.nc, "raleigh")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	for _, stream := range []string{streamUp, streamAll, streamRoster} {
		if err := raleigh.DeleteStream(ctx, stream); err == nil {
			t.Errorf("durham deleted raleigh's stream %s", stream)
		}
	}
	if _, err := raleigh.Stream(ctx, streamUp); err == nil {
		t.Error("durham read raleigh's stream UP")
	}
	if _, err := b.js.Stream(ctx, streamUp); err != nil {
		t.Errorf("raleigh's stream UP: %v", err)
	}
}

// TestJoinedNodeCannotLearnOrAckTheHubsConsumers: the hub's consumer that
// applies writes is acknowledged on subjects that cross the links without
// a permission check (NATS forwards $JS.ACK. as routing, not as a publish).
// So its name holds a secret, which durham can read from no API of the hub;
// acks durham forges on the name it could guess change nothing: a write
// the hub could not apply yet is still applied once it can.
func TestJoinedNodeCannotLearnOrAckTheHubsConsumers(t *testing.T) {
	hub := startNode(t, "hub", nil)
	a := startNode(t, "durham", hub.invite("durham"))
	b := startNode(t, "raleigh", hub.invite("raleigh"))
	eventually(t, linkWithin, "both venues linked", func() bool { return hub.linkUp("durham") && hub.linkUp("raleigh") })
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	hubJS, err := jetstream.NewWithDomain(a.nc, "hub")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := hubJS.Consumer(ctx, streamUp, hub.consumerName()); err == nil {
		t.Error("durham read the hub's apply consumer")
	}
	if up, err := hubJS.Stream(ctx, streamAll); err == nil {
		for name := range up.ConsumerNames(ctx).Name() {
			t.Errorf("durham listed the hub's consumer %s", name)
		}
	}

	hub.j.mu.Lock()
	hub.j.notYet["late"] = 1
	hub.j.mu.Unlock()
	b.j.write("late")
	b.Notify()
	eventually(t, 5*time.Second, "the hub tried the write once", func() bool {
		hub.j.mu.Lock()
		defer hub.j.mu.Unlock()
		return hub.j.tried["late"] > 0
	})
	for _, guess := range []string{"apply-hub", "apply", hub.consumerName()[:len("apply-hub")]} {
		for seq := 1; seq <= 30; seq++ {
			ack := fmt.Sprintf("$JS.ACK.%s.%s.1.%d.%d.0.0", streamUp, guess, seq, seq)
			if err := a.nc.Publish(ack, []byte("+ACK")); err != nil && !errors.Is(err, nats.ErrConnectionClosed) {
				t.Fatal(err)
			}
		}
	}
	a.nc.Flush()
	eventually(t, 10*time.Second, "the write applied at the hub after all", func() bool { return hub.j.has("late") })
}
