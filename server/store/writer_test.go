package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

func TestEventsFollowCommits(t *testing.T) {
	w := newWorld(t)
	_, err := w.checkIn(t, "scan-0001", w.codes[0][0], 0)
	check(t, err)
	_, err = w.checkIn(t, "scan-0002", w.codes[0][0], 0) // repeat: no event
	check(t, err)
	_, err = w.checkIn(t, "scan-0003", "7KQ2M9XD4TBW0RHA", 0) // unknown: no event
	if !errors.Is(err, ErrUnknownBadge) {
		t.Fatalf("err = %v", err)
	}
	select {
	case evs := <-w.events:
		if len(evs) != 1 || evs[0].Kind != "checkin" || evs[0].Institution != w.inst[0] || evs[0].Delta != 1 {
			t.Errorf("events = %+v, want one checkin of +1", evs)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no event after a committed check-in")
	}
	if len(w.events) != 0 {
		t.Errorf("%d extra event batches for writes that changed no count", len(w.events))
	}
}

func TestGroupCommitAnswersEveryWriter(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	var nl []NewLeader
	for i := range 300 {
		nl = append(nl, NewLeader{Name: fmt.Sprintf("Persona %d", i), Institution: w.inst[1]})
	}
	leaders, err := w.st.AddLeaders(ctx, nl)
	check(t, err)
	var wg sync.WaitGroup
	for i, l := range leaders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := w.checkIn(t, fmt.Sprintf("group-%04d", i), l.Code, i%2); err != nil {
				t.Errorf("check in %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
	if got := w.present(t, w.inst[1]); got != 300 {
		t.Errorf("present = %d, want 300", got)
	}
}

func TestClosedStoreRefusesWrites(t *testing.T) {
	w := newWorld(t)
	check(t, w.st.Close())
	if _, err := w.checkIn(t, "late-0001", w.codes[0][0], 0); !errors.Is(err, ErrClosed) {
		t.Errorf("write after Close: err = %v, want ErrClosed", err)
	}
}
