package live

import (
	"slices"
	"time"
)

// RecentKeep is how many of the latest arrivals in force a board keeps, for
// the projector's "latest arrivals".
const RecentKeep = 128

// Arrival is one arrival in force: a check-in (one person) or a headcount
// (Count people), by its client id, and when it happened; on a node of a
// network, the venue whose hall it counts in.
type Arrival struct {
	Ref         string
	Institution int64
	Count       int
	At          time.Time
	Venue       string
}

// Bucket is how many people arrived in one interval of time.
type Bucket struct {
	At    time.Time `json:"at"` // the start of the interval
	Count int       `json:"count"`
}

// Recent is how many of the latest arrivals were of one institution: a name
// and a count, never a person.
type Recent struct {
	Institution struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
	} `json:"institution"`
	Count int       `json:"count"`
	At    time.Time `json:"at"` // the latest of them
}

// arrivals is a board's arrivals curve, kept by the minute, and its latest
// arrivals, so that reading them costs the same at 100,000 check-ins as at
// 1,000: of the whole action, or of one venue's hall.
type arrivals struct {
	loaded    bool
	venue     string        // the hall it follows; "" the whole action
	perMinute map[int64]int // Unix minute -> people who arrived in it, in force
	latest    []Arrival     // the newest arrivals in force, oldest first
	all       bool          // latest holds every arrival in force
	short     bool          // undos left latest too short: load it again
}

// LoadArrivals sets an action's arrivals, as the database has them: people
// per minute, the latest RecentKeep arrivals in force, and whether those
// are all of them.
func (t *Tally) LoadArrivals(action int64, perMinute map[time.Time]int, latest []Arrival, all bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.boards[action]
	if b == nil {
		return
	}
	b.arrivals = newArrivals("", perMinute, latest, all)
}

// LoadHallArrivals is LoadArrivals for the hall of one venue, at a node of
// that venue: it keeps them beside the whole action's, from then on with
// the arrivals Record names that venue for.
func (t *Tally) LoadHallArrivals(action int64, venue string, perMinute map[time.Time]int, latest []Arrival, all bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.boards[action]
	if b == nil || venue == "" {
		return
	}
	b.hall = newArrivals(venue, perMinute, latest, all)
}

func newArrivals(venue string, perMinute map[time.Time]int, latest []Arrival, all bool) arrivals {
	a := arrivals{loaded: true, venue: venue, perMinute: map[int64]int{}, all: all}
	for at, n := range perMinute {
		a.perMinute[at.Unix()/60] += n
	}
	a.latest = slices.Clone(latest)
	slices.SortStableFunc(a.latest, func(x, y Arrival) int { return x.At.Compare(y.At) })
	return a
}

// ArrivalsShort reports whether undos left an action's latest arrivals
// shorter than the projector shows: the caller loads them again.
func (t *Tally) ArrivalsShort(action int64) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.boards[action]
	return b != nil && (b.arrivals.short || b.hall.short)
}

// record moves the arrivals by one committed change: a new arrival, or the
// undo of one.
func (a *arrivals) record(inst int64, delta int, arr Arrival) {
	if !a.loaded || arr.Ref == "" || a.venue != "" && arr.Venue != a.venue {
		return
	}
	minute := arr.At.Unix() / 60
	if a.perMinute[minute] += delta; a.perMinute[minute] == 0 {
		delete(a.perMinute, minute)
	}
	if delta < 0 {
		a.remove(arr.Ref)
		return
	}
	arr.Institution, arr.Count = inst, delta
	a.add(arr)
}

// add places an arrival among the latest, unless it is older than every one
// kept while older ones were left out.
func (a *arrivals) add(arr Arrival) {
	if !a.all && len(a.latest) > 0 && arr.At.Before(a.latest[0].At) {
		return
	}
	i, _ := slices.BinarySearchFunc(a.latest, arr.At, func(x Arrival, at time.Time) int {
		if x.At.After(at) {
			return 1
		}
		return -1 // after every one as old: arrival order breaks ties
	})
	a.latest = slices.Insert(a.latest, i, arr)
	if len(a.latest) > RecentKeep {
		a.latest = slices.Delete(a.latest, 0, 1)
		a.all = false
	}
}

func (a *arrivals) remove(ref string) {
	i := slices.IndexFunc(a.latest, func(x Arrival) bool { return x.Ref == ref })
	if i < 0 {
		return // older than every one kept
	}
	a.latest = slices.Delete(a.latest, i, i+1)
	a.short = !a.all && len(a.latest) < RecentKeep/2
}

// Arrivals reads an action's arrivals: people per interval of width, a
// whole number of minutes, oldest first, leaving out empty intervals; and
// the latest n arrivals grouped by institution, newest first, at most max
// institutions. ok is false when the tally cannot tell: the action or its
// arrivals are not loaded, width is not whole minutes, or n is more than it
// keeps for sure.
func (t *Tally) Arrivals(action int64, width time.Duration, n, max int) (buckets []Bucket, recent []Recent, ok bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.boards[action]
	if b == nil {
		return nil, nil, false
	}
	return b.read(&b.arrivals, width, n, max)
}

// HallArrivals is Arrivals for the hall of venue, as LoadHallArrivals
// loaded it: ok is false too when it did not, or for another venue.
func (t *Tally) HallArrivals(action int64, venue string, width time.Duration, n, max int) (buckets []Bucket, recent []Recent, ok bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.boards[action]
	if b == nil || venue == "" || b.hall.venue != venue {
		return nil, nil, false
	}
	return b.read(&b.hall, width, n, max)
}

func (b *board) read(a *arrivals, width time.Duration, n, max int) (buckets []Bucket, recent []Recent, ok bool) {
	if !a.loaded || width < time.Minute || width%time.Minute != 0 || n > RecentKeep/2 {
		return nil, nil, false
	}
	return a.buckets(int64(width / time.Minute)), b.recent(a, n, max), true
}

// buckets adds the minutes up into intervals of so many minutes.
func (a *arrivals) buckets(minutes int64) []Bucket {
	sums := map[int64]int{}
	for m, n := range a.perMinute {
		sums[m/minutes*minutes] += n
	}
	out := make([]Bucket, 0, len(sums))
	for m, n := range sums {
		out = append(out, Bucket{At: time.Unix(m*60, 0).UTC(), Count: n})
	}
	slices.SortFunc(out, func(x, y Bucket) int { return x.At.Compare(y.At) })
	return out
}

// recent groups the latest n arrivals of a by institution, with its name.
func (b *board) recent(a *arrivals, n, max int) []Recent {
	latest := a.latest[len(a.latest)-min(n, len(a.latest)):]
	out := []Recent{}
	seen := map[int64]int{}
	for i := len(latest) - 1; i >= 0; i-- { // newest first
		arr := latest[i]
		j, ok := seen[arr.Institution]
		if !ok {
			j = len(out)
			seen[arr.Institution] = j
			out = append(out, Recent{At: arr.At})
			out[j].Institution.ID, out[j].Institution.Name = arr.Institution, b.institutionName(arr.Institution)
		}
		out[j].Count += arr.Count
	}
	return out[:min(max, len(out))]
}

func (b *board) institutionName(id int64) string {
	if w, ok := b.where[id]; ok {
		return b.snap.Chapters[w[0]].Institutions[w[1]].Name
	}
	return ""
}
