// Package live keeps each action's turnout in memory and fans every committed
// change out to the dashboards watching it, in sequence order.
package live

import (
	"encoding/json"
	"sync"
	"time"
)

// Institution is one institution's numbers at an action.
type Institution struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Committed int    `json:"committed"`
	Present   int    `json:"present"`
	FirstTime int    `json:"first_time"` // present at an action for the first time
}

// Chapter is one chapter's numbers: the sums of its institutions.
type Chapter struct {
	ID           int64         `json:"id"`
	Name         string        `json:"name"`
	Committed    int           `json:"committed"`
	Present      int           `json:"present"`
	FirstTime    int           `json:"first_time"`
	Institutions []Institution `json:"institutions"`
}

// Snapshot is an action's whole turnout at one sequence number.
type Snapshot struct {
	Type      string    `json:"type"` // "snapshot"
	Epoch     string    `json:"epoch"`
	Seq       int64     `json:"seq"`
	Action    int64     `json:"action"`
	Total     int       `json:"total"`
	Committed int       `json:"committed"`
	Goal      int       `json:"goal"`
	FirstTime int       `json:"first_time"`
	Chapters  []Chapter `json:"chapters"`
}

// Change is one committed change of a count, with the new totals it leads to.
type Change struct {
	Type               string    `json:"type"` // "change"
	Seq                int64     `json:"seq"`
	Action             int64     `json:"action"`
	Kind               string    `json:"kind"`
	Institution        int64     `json:"institution"`
	Chapter            int64     `json:"chapter"`
	Delta              int       `json:"delta"`
	InstitutionPresent int       `json:"institution_present"`
	ChapterPresent     int       `json:"chapter_present"`
	Total              int       `json:"total"`
	At                 time.Time `json:"at"`
	// Venue is the hall the arrival counted or uncounted counts in, on a
	// node of a network: a venue's projector draws its own hall's.
	Venue string `json:"venue,omitempty"`
	// The first-timers after the change; FirstDelta is how it moved them.
	FirstDelta           int `json:"first_delta"`
	InstitutionFirstTime int `json:"institution_first_time"`
	ChapterFirstTime     int `json:"chapter_first_time"`
	FirstTime            int `json:"first_time"`
}

// Tally holds the live turnout of every loaded action. The epoch changes at
// every start, so a dashboard knows its sequence numbers no longer apply.
type Tally struct {
	mu     sync.Mutex
	epoch  string
	boards map[int64]*board
}

type board struct {
	snap     Snapshot
	where    map[int64][2]int // institution id -> chapter index, institution index
	arrivals arrivals         // the whole action's
	hall     arrivals         // at a venue's node, its own hall's too
	// The hub: its subscribers, the latest messages (message seq at index
	// seq % LogSize, the last logged ones), the subscribers to wake, and the
	// snapshot as a message, made once per seq, and its size.
	subs     map[*Subscriber]struct{}
	log      [][]byte
	logged   int
	waiting  []*Subscriber
	snapMsg  []byte
	snapSeq  int64
	snapSize int
}

// New returns an empty tally for a server start named by epoch.
func New(epoch string) *Tally {
	return &Tally{epoch: epoch, boards: map[int64]*board{}}
}

// Epoch names this server start.
func (t *Tally) Epoch() string { return t.epoch }

// Load sets an action's numbers, as computed from the database, and sends
// the new snapshot, with the next sequence number, to its subscribers. Its
// arrivals are then to be loaded again (LoadArrivals).
func (t *Tally) Load(action int64, goal int, chapters []Chapter) {
	wake(t.load(action, goal, chapters))
}

// load is Load under the lock; it returns the subscribers to wake.
func (t *Tally) load(action int64, goal int, chapters []Chapter) []*Subscriber {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.boards[action]
	if b == nil {
		b = &board{subs: map[*Subscriber]struct{}{}}
		t.boards[action] = b
	}
	b.snap = Snapshot{Type: "snapshot", Epoch: t.epoch, Seq: b.snap.Seq + 1, Action: action, Goal: goal, Chapters: chapters}
	b.where = map[int64][2]int{}
	for ci := range chapters {
		ch := &b.snap.Chapters[ci]
		ch.Committed, ch.Present, ch.FirstTime = 0, 0, 0
		for ii, in := range ch.Institutions {
			b.where[in.ID] = [2]int{ci, ii}
			ch.Committed += in.Committed
			ch.Present += in.Present
			ch.FirstTime += in.FirstTime
		}
		b.snap.Committed += ch.Committed
		b.snap.Total += ch.Present
		b.snap.FirstTime += ch.FirstTime
	}
	b.arrivals, b.hall = arrivals{}, arrivals{}
	return b.publish(b.snapshotJSON())
}

// Apply adds delta to an institution's present count and broadcasts the
// change. It reports false, changing nothing, when the action or the
// institution is not loaded: the caller then reloads the action.
func (t *Tally) Apply(action, institution int64, kind string, delta int, at time.Time) bool {
	return t.Record(action, institution, kind, delta, 0, at, Arrival{})
}

// Record is Apply for a change that moves the arrivals and the first-timers
// too: arr names the arrival counted, or uncounted by an undo, and when it
// happened; first moves the institution's first-timers.
func (t *Tally) Record(action, institution int64, kind string, delta, first int, at time.Time, arr Arrival) bool {
	woken, ok := t.record(action, institution, kind, delta, first, at, arr)
	wake(woken)
	return ok
}

// record is Record under the lock; it returns the subscribers to wake.
func (t *Tally) record(action, institution int64, kind string, delta, first int, at time.Time, arr Arrival) ([]*Subscriber, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.boards[action]
	if b == nil {
		return nil, false
	}
	w, ok := b.where[institution]
	if !ok {
		return nil, false
	}
	ch := &b.snap.Chapters[w[0]]
	in := &ch.Institutions[w[1]]
	in.Present += delta
	ch.Present += delta
	b.snap.Total += delta
	in.FirstTime += first
	ch.FirstTime += first
	b.snap.FirstTime += first
	b.snap.Seq++
	b.arrivals.record(institution, delta, arr)
	b.hall.record(institution, delta, arr)
	if len(b.subs) == 0 {
		b.logged = 0 // nobody needs it: who subscribes next starts after it
		return nil, true
	}
	c := Change{Type: "change", Seq: b.snap.Seq, Action: action, Kind: kind, Institution: institution,
		Chapter: ch.ID, Delta: delta, InstitutionPresent: in.Present, ChapterPresent: ch.Present,
		Total: b.snap.Total, At: at, FirstDelta: first, InstitutionFirstTime: in.FirstTime,
		ChapterFirstTime: ch.FirstTime, FirstTime: b.snap.FirstTime, Venue: arr.Venue}
	return b.publish(mustJSON(c)), true
}

// Snapshot returns a copy of an action's turnout.
func (t *Tally) Snapshot(action int64) (Snapshot, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.boards[action]
	if b == nil {
		return Snapshot{}, false
	}
	return b.copy(), true
}

func (b *board) copy() Snapshot {
	s := b.snap
	s.Chapters = make([]Chapter, len(b.snap.Chapters))
	for i, ch := range b.snap.Chapters {
		ch.Institutions = append([]Institution(nil), ch.Institutions...)
		s.Chapters[i] = ch
	}
	return s
}

// Total is an action's turnout in all, and whether the action is loaded.
func (t *Tally) Total(action int64) (int, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.boards[action]
	if b == nil {
		return 0, false
	}
	return b.snap.Total, true
}

// Has reports whether the action is loaded.
func (t *Tally) Has(action int64) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.boards[action] != nil
}

// Loaded reports the actions the tally holds.
func (t *Tally) Loaded() []int64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	ids := make([]int64, 0, len(t.boards))
	for id := range t.boards {
		ids = append(ids, id)
	}
	return ids
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic("live: marshal: " + err.Error()) // plain structs of numbers and strings
	}
	return b
}
