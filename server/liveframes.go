package server

import (
	"sync"
	"unsafe"

	"github.com/fasthttp/websocket"
)

// frames keeps the WebSocket frame of each recent live message, made once
// and written as it is to every dashboard the message goes to. The tally
// hands every subscriber the very same bytes of a message, so the bytes'
// address names it; a kept frame holds that address, so no other message
// can be given it until the frame is let go.
type frames struct {
	m    sync.Map // frameKey → *websocket.PreparedMessage
	mu   sync.Mutex
	ring [keptFrames]frameKey // the keys kept, oldest let go first
	next int
}

// keptFrames is how many frames are kept: dashboards that keep up ask for
// the last few messages, and a burst's snapshots, one per seq and each the
// size of the whole board, must not pile up.
const keptFrames = 64

type frameKey struct {
	p *byte
	n int
}

// of is msg's frame, made now if it is not kept.
func (f *frames) of(msg []byte) (*websocket.PreparedMessage, error) {
	key := frameKey{unsafe.SliceData(msg), len(msg)}
	if pm, ok := f.m.Load(key); ok {
		return pm.(*websocket.PreparedMessage), nil
	}
	pm, err := websocket.NewPreparedMessage(websocket.TextMessage, msg)
	if err != nil {
		return nil, err
	}
	got, loaded := f.m.LoadOrStore(key, pm)
	if !loaded {
		f.keep(key)
	}
	return got.(*websocket.PreparedMessage), nil
}

// keep notes key as kept, and lets the oldest kept frame go.
func (f *frames) keep(key frameKey) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if old := f.ring[f.next]; old.p != nil {
		f.m.Delete(old)
	}
	f.ring[f.next] = key
	f.next = (f.next + 1) % len(f.ring)
}
