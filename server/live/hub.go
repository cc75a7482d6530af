package live

import "errors"

// ErrNotLoaded: the action has no board yet.
var ErrNotLoaded = errors.New("action not loaded")

// Subscriber receives an action's messages, already encoded as JSON. Its
// channel is closed when it is dropped for falling behind or unsubscribed.
type Subscriber struct {
	C      <-chan []byte
	c      chan []byte
	action int64
}

// Subscribe registers a subscriber with a buffer of buf messages and returns
// the snapshot it starts from; the next message it receives has the
// snapshot's Seq + 1. Taken under one lock, so nothing is missed or doubled.
func (t *Tally) Subscribe(action int64, buf int) (*Subscriber, Snapshot, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.boards[action]
	if b == nil {
		return nil, Snapshot{}, ErrNotLoaded
	}
	c := make(chan []byte, buf)
	s := &Subscriber{C: c, c: c, action: action}
	b.subs[s] = struct{}{}
	return s, b.copy(), nil
}

// Unsubscribe removes a subscriber and closes its channel; calling it again,
// or after the subscriber was dropped, does nothing.
func (t *Tally) Unsubscribe(s *Subscriber) {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.boards[s.action]
	if b == nil {
		return
	}
	if _, ok := b.subs[s]; ok {
		delete(b.subs, s)
		close(s.c)
	}
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

// broadcast never waits: a subscriber whose buffer is full is dropped, and
// resyncs from a snapshot when it reconnects.
func (b *board) broadcast(msg []byte) {
	for s := range b.subs {
		select {
		case s.c <- msg:
		default:
			delete(b.subs, s)
			close(s.c)
		}
	}
}
