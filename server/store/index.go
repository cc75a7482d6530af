package store

import "hash/maphash"

// index is what the writer knows by heart, so that a check-in costs it one
// INSERT and no lookup: every badge code ever issued, each leader as a door
// is shown them, which leaders are checked in at which action, the client ids
// of the stored answers and headcounts, and the last number of the door
// feed. Only the writer goroutine reads or changes it.
//
// It stays exact: a write that changes what it mirrors either updates it
// itself (check-ins, undos, headcounts, walk-ins: see writeReq.own), or is
// seen by the writer's update hook, which reloads the leaders, institutions
// and chapters it changed, or rebuilds the whole index before the next write
// when check-ins, headcounts or walk-ins changed under it (a purge). Another
// process writing the file is seen by PRAGMA data_version, and a commit that
// fails leaves the index to be rebuilt too.
//
// Its maps of leaders and badge codes hold no pointers, and the leaders'
// names and codes lie in one byte slice (see text): the garbage collector
// has nothing to scan in them, however many leaders there are.
type index struct {
	built    bool
	badges   map[codeKey]badge // codes of CodeLen symbols: every code the store makes
	others   map[string]badge  // any other code, such as one another program wrote
	leaders  map[int64]leaderCard
	text     text // the leaders' names and codes
	insts    map[int64]instCard
	chapters map[int64]string
	active   map[actionLeader]struct{}
	ids      map[uint64]struct{} // hashes of the client ids of stored answers and headcounts
	seed     maphash.Seed
	seq      int64 // the last number of the door feed
}

// badge is one code ever issued and the leader it was issued to.
type badge struct {
	leader  int64
	revoked bool
}

// leaderCard is what a door is shown of a leader: their name and code in
// the index's text.
type leaderCard struct {
	name, code span
	inst       int64
}

// instCard is an institution and its chapter.
type instCard struct {
	name    string
	chapter int64
}

type actionLeader struct{ action, leader int64 }

func newIndex() *index {
	return &index{seed: maphash.MakeSeed()}
}

// reset empties the index before a rebuild.
func (ix *index) reset() {
	*ix = index{badges: map[codeKey]badge{}, others: map[string]badge{}, leaders: map[int64]leaderCard{}, insts: map[int64]instCard{},
		chapters: map[int64]string{}, active: map[actionLeader]struct{}{}, ids: map[uint64]struct{}{}, seed: ix.seed}
}

// mayBeUsed reports whether a stored answer or a headcount may already have
// used client id: false means surely not, true means look it up. (A
// check-in's own id is kept by the UNIQUE index on checkins.client_id.)
func (ix *index) mayBeUsed(id string) bool {
	_, ok := ix.ids[maphash.String(ix.seed, id)]
	return ok
}

// use records that client id is taken.
func (ix *index) use(id string) { ix.ids[maphash.String(ix.seed, id)] = struct{}{} }

// nextSeq hands out the next number of the door feed.
func (ix *index) nextSeq() int64 {
	ix.seq++
	return ix.seq
}

// leaderByCode is the leader holding a badge code, as the door shows them:
// ErrUnknownBadge if no leader holds it, ErrRevokedBadge if it was replaced.
func (ix *index) leaderByCode(code string) (LeaderRef, error) {
	b, ok := ix.badge(code)
	if !ok {
		return LeaderRef{}, ErrUnknownBadge
	}
	l, ok := ix.leader(b.leader)
	switch {
	case !ok:
		return LeaderRef{}, ErrUnknownBadge
	case b.revoked:
		return LeaderRef{}, ErrRevokedBadge
	}
	return l, nil
}

// badge is the badge a code was issued as, revoked or not.
func (ix *index) badge(code string) (badge, bool) {
	if k, ok := keyOf(code); ok {
		b, ok := ix.badges[k]
		return b, ok
	}
	b, ok := ix.others[code]
	return b, ok
}

// setBadge records the badge a code was issued as.
func (ix *index) setBadge(code string, b badge) {
	if k, ok := keyOf(code); ok {
		ix.badges[k] = b
	} else {
		ix.others[code] = b
	}
}

// leader is a leader as a door shows them.
func (ix *index) leader(id int64) (LeaderRef, bool) {
	card, ok := ix.leaders[id]
	if !ok {
		return LeaderRef{}, false
	}
	return ix.leaderRef(LeaderRef{ID: id, Name: ix.text.str(card.name), Code: ix.text.str(card.code),
		Institution: Ref{ID: card.inst}}), true
}

// leaderRef fills in the names of a leader's institution and chapter.
func (ix *index) leaderRef(l LeaderRef) LeaderRef {
	in := ix.insts[l.Institution.ID]
	l.Institution.Name, l.Chapter = in.name, Ref{ID: in.chapter, Name: ix.chapters[in.chapter]}
	return l
}

// setLeader records a leader's name, code in force and institution.
func (ix *index) setLeader(l LeaderRef) {
	if old, ok := ix.leaders[l.ID]; ok {
		ix.text.drop(old.name)
		ix.text.drop(old.code)
	}
	ix.leaders[l.ID] = leaderCard{name: ix.text.add(l.Name), code: ix.text.add(l.Code), inst: l.Institution.ID}
}

// addLeader records a leader just added with a fresh badge code.
func (ix *index) addLeader(l LeaderRef) {
	ix.setLeader(l)
	ix.setBadge(l.Code, badge{leader: l.ID})
}

// checkedIn records a check-in in force.
func (ix *index) checkedIn(action, leader int64) {
	ix.active[actionLeader{action, leader}] = struct{}{}
}
