package live

import (
	"slices"
	"sync"
	"time"
)

// Presence is a leader counted present at an action, at the institution the
// check-in was made for. Institution 0 marks a presence at an action whose
// check-ins were purged: it still makes the leader's later actions not
// first-timers, but that action's own first-timers are frozen elsewhere.
type Presence struct {
	Leader, Action, Institution int64
}

// FirstMove is a change of one institution's first-timers at one action.
type FirstMove struct {
	Action, Institution int64
	Delta               int
}

// Firsts knows, for every leader, each action at which they are counted
// present, earliest first; a leader's first-time action is the earliest. It
// is built once from the database and then moved by each committed check-in
// and undo, so that a check-in costs the writer no extra statement.
type Firsts struct {
	mu    sync.Mutex
	order map[int64]string     // action -> its place in time (date, then id)
	seen  map[int64][]Presence // leader -> presences, earliest first
}

// NewFirsts returns an empty index.
func NewFirsts() *Firsts {
	return &Firsts{order: map[int64]string{}, seen: map[int64][]Presence{}}
}

// Reset replaces everything the index knows. order gives each action a key
// that sorts actions in time.
func (f *Firsts) Reset(order map[int64]string, presences []Presence) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.order, f.seen = order, map[int64][]Presence{}
	for _, p := range presences {
		f.seen[p.Leader] = append(f.seen[p.Leader], p)
	}
	for _, list := range f.seen {
		slices.SortStableFunc(list, f.compare)
	}
}

// Reorder takes new keys for the actions (a date changed, an action was
// added) and sorts every leader's presences again.
func (f *Firsts) Reorder(order map[int64]string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.order = order
	for _, list := range f.seen {
		slices.SortStableFunc(list, f.compare)
	}
}

// Knows reports whether the index can place the action in time.
func (f *Firsts) Knows(action int64) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	_, ok := f.order[action]
	return ok
}

// compare sorts by the actions' keys; at one action, a purged presence
// comes first, since it was counted before any check-in still in force.
func (f *Firsts) compare(a, b Presence) int {
	if ka, kb := f.order[a.Action], f.order[b.Action]; ka != kb {
		if ka < kb {
			return -1
		}
		return 1
	}
	return int(min(a.Institution, 1) - min(b.Institution, 1))
}

// Add records a check-in and returns how first-timers moved: +1 where the
// leader now comes first, -1 where they came first before.
func (f *Firsts) Add(p Presence) []FirstMove {
	f.mu.Lock()
	defer f.mu.Unlock()
	list := f.seen[p.Leader]
	at, _ := slices.BinarySearchFunc(list, p, func(e, t Presence) int {
		if c := f.compare(e, t); c != 0 {
			return c
		}
		return -1 // after its equals: a new presence never moves an older one
	})
	list = slices.Insert(list, at, p)
	f.seen[p.Leader] = list
	if at != 0 {
		return nil
	}
	return moves(p, list[1:], -1)
}

// Remove records an undone check-in and returns how first-timers moved.
func (f *Firsts) Remove(p Presence) []FirstMove {
	f.mu.Lock()
	defer f.mu.Unlock()
	list := f.seen[p.Leader]
	at := slices.Index(list, p)
	if at < 0 {
		return nil
	}
	list = slices.Delete(list, at, at+1)
	f.seen[p.Leader] = list
	if at != 0 {
		return nil
	}
	return moves(p, list, 1)
}

// moves is the change of first place between p and the head of rest: p
// gains or loses it (-sign), the head of rest loses or gains it (sign).
// Purged presences are frozen and never move.
func moves(p Presence, rest []Presence, sign int) []FirstMove {
	var out []FirstMove
	if p.Institution != 0 {
		out = append(out, FirstMove{Action: p.Action, Institution: p.Institution, Delta: -sign})
	}
	if len(rest) > 0 && rest[0].Institution != 0 {
		out = append(out, FirstMove{Action: rest[0].Action, Institution: rest[0].Institution, Delta: sign})
	}
	return out
}

// Count is, per institution, how many leaders were present at the action
// for the first time, purged check-ins aside.
func (f *Firsts) Count(action int64) map[int64]int {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[int64]int{}
	for _, list := range f.seen {
		if len(list) > 0 && list[0].Action == action && list[0].Institution != 0 {
			out[list[0].Institution]++
		}
	}
	return out
}

// ApplyFirst is Apply that also moves the institution's first-timers by
// first, in the same change: a check-in of a first-timer is one message.
func (t *Tally) ApplyFirst(action, institution int64, kind string, delta, first int, at time.Time) bool {
	return t.Record(action, institution, kind, delta, first, at, Arrival{})
}
