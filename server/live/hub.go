package live

import "errors"

// ErrNotLoaded: the action has no board yet.
var ErrNotLoaded = errors.New("action not loaded")

// LogSize is how many of its latest messages a board keeps. A subscriber
// behind by fewer messages than make a snapshot, in bytes, takes them in
// order; one further behind takes, instead, one snapshot of now: a
// dashboard needs the latest counts, not every delta. A burst then sends a
// dashboard a few snapshots rather than thousands of changes, and never
// drops one that keeps reading.
const LogSize = 256

// Subscriber follows an action's messages from a position in its board's
// log. It holds no messages of its own: a burst costs it nothing until it
// reads them.
type Subscriber struct {
	// Ready receives a value when messages may wait for the subscriber: Take
	// them, then wait for Ready again.
	Ready <-chan struct{}
	ready chan struct{}
	// Owned by the tally's lock:
	action  int64
	next    int64 // the seq of the next message it needs
	waiting bool  // on its board's list of subscribers to wake
	gone    bool  // unsubscribed
}

// Subscribe registers a subscriber and returns the snapshot it starts from;
// the next message it takes has the snapshot's Seq + 1. Taken under one
// lock, so nothing is missed or doubled.
func (t *Tally) Subscribe(action int64) (*Subscriber, Snapshot, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.boards[action]
	if b == nil {
		return nil, Snapshot{}, ErrNotLoaded
	}
	s := b.subscribe(action, b.snap.Seq+1, make(chan struct{}, 1))
	b.wait(s)
	return s, b.copy(), nil
}

// fromSnapshot is the position of a subscriber that has not taken its
// snapshot yet.
const fromSnapshot = -1

// Join registers a subscriber whose first Take is a snapshot of now, as a
// message: the one a board makes once per seq for every dashboard that
// starts or falls behind there. Its Ready is ready, a channel with room for
// one value, already signalled; the caller may signal it too, for reasons
// of its own, so that one channel wakes its writer for everything.
func (t *Tally) Join(action int64, ready chan struct{}) (*Subscriber, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.boards[action]
	if b == nil {
		return nil, ErrNotLoaded
	}
	s := b.subscribe(action, fromSnapshot, ready)
	s.signal()
	return s, nil
}

// subscribe adds a subscriber whose next message is next.
func (b *board) subscribe(action, next int64, ready chan struct{}) *Subscriber {
	s := &Subscriber{Ready: ready, ready: ready, action: action, next: next}
	b.subs[s] = struct{}{}
	return s
}

// signal makes Ready receive a value, unless one already waits there.
func (s *Subscriber) signal() {
	select {
	case s.ready <- struct{}{}:
	default:
	}
}

// Take appends to buf the messages waiting for s, oldest first, and returns
// it: the changes after the last message it took or, when they left the log
// or would weigh more than a snapshot, or it has just joined, one snapshot
// of now. Ready then signals the next message.
func (t *Tally) Take(s *Subscriber, buf [][]byte) [][]byte {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.boards[s.action]
	if b == nil || s.gone {
		return buf
	}
	switch {
	case s.next > b.snap.Seq:
	case s.next == fromSnapshot || b.behind(s.next):
		buf = append(buf, b.snapshotJSON())
	default:
		for seq := s.next; seq <= b.snap.Seq; seq++ {
			buf = append(buf, b.log[int(seq%LogSize)])
		}
	}
	s.next = b.snap.Seq + 1
	b.wait(s)
	return buf
}

// behind tells whether a subscriber whose next message is next had better
// take a snapshot: some of its messages left the log, or together they
// weigh more than the last snapshot made.
func (b *board) behind(next int64) bool {
	if next < b.snap.Seq-int64(b.logged)+1 {
		return true
	}
	size := 0
	for seq := next; seq <= b.snap.Seq && size <= b.snapSize; seq++ {
		size += len(b.log[int(seq%LogSize)])
	}
	return size > b.snapSize
}

// Unsubscribe removes a subscriber; calling it again does nothing.
func (t *Tally) Unsubscribe(s *Subscriber) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if b := t.boards[s.action]; b != nil {
		delete(b.subs, s)
	}
	s.gone = true
}

// Subscribers counts the subscribers of an action.
func (t *Tally) Subscribers(action int64) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	if b := t.boards[action]; b != nil {
		return len(b.subs)
	}
	return 0
}

// wait puts s on the list of subscribers the next message wakes.
func (b *board) wait(s *Subscriber) {
	if !s.waiting {
		s.waiting = true
		b.waiting = append(b.waiting, s)
	}
}

// publish logs msg, which has seq b.snap.Seq, and returns the subscribers
// that were waiting for it, for the caller to wake once it let the tally's
// lock go: woken under it, thousands of writers would only queue for it.
// It never waits: the others are busy with earlier messages and will take
// this one with them.
func (b *board) publish(msg []byte) []*Subscriber {
	if b.log == nil {
		b.log = make([][]byte, LogSize)
	}
	b.log[int(b.snap.Seq%LogSize)] = msg
	b.logged = min(b.logged+1, LogSize)
	woken := b.waiting
	for _, s := range woken {
		s.waiting = false
	}
	b.waiting = make([]*Subscriber, 0, len(woken))
	return woken
}

// wake signals each subscriber publish returned. One that unsubscribed
// since is signalled too, harmlessly: nobody reads its channel any more.
func wake(subs []*Subscriber) {
	for _, s := range subs {
		s.signal()
	}
}

// snapshotJSON is the board's snapshot as a message, made once per seq.
func (b *board) snapshotJSON() []byte {
	if b.snapSeq != b.snap.Seq || b.snapMsg == nil {
		b.snapMsg, b.snapSeq = mustJSON(b.snap), b.snap.Seq
		b.snapSize = len(b.snapMsg)
	}
	return b.snapMsg
}
