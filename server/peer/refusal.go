package peer

import (
	"sync/atomic"
	"time"
)

// refusedFor is how long a refusal by the parent colours a link that is
// down: the link retries every second and is refused again each time, so
// a parent that stops refusing (it is off, or took the node back) is seen
// within seconds.
const refusedFor = 10 * time.Second

// refusal is when the parent last refused this node's credentials: it
// revoked the node, or the node's link holds a wrong secret. The embedded
// server only logs it, so its log marks it here.
type refusal struct{ at atomic.Int64 }

// mark records a refusal now.
func (r *refusal) mark() { r.at.Store(time.Now().UnixNano()) }

// recent reports whether the parent refused within refusedFor.
func (r *refusal) recent() bool {
	at := r.at.Load()
	return at != 0 && time.Since(time.Unix(0, at)) < refusedFor
}
