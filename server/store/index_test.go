package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"testing"
)

// checkIndexExact compares, inside the writer, the index it keeps with one
// built afresh from the database.
func checkIndexExact(tb testing.TB, st *Store, when string) {
	tb.Helper()
	err := st.writeOwn(context.Background(), true, func(tx *sql.Tx) ([]Event, error) {
		kept, err := st.indexIn(tx)
		if err != nil {
			return nil, err
		}
		fresh := &index{seed: kept.seed}
		if err := fresh.rebuild(tx); err != nil {
			return nil, err
		}
		if k, f := kept.view(), fresh.view(); !reflect.DeepEqual(k, f) {
			return nil, fmt.Errorf("the index kept differs from one built afresh:\n kept %+v\nfresh %+v", k, f)
		}
		return nil, nil
	})
	if err != nil {
		tb.Errorf("%s: %v", when, err)
	}
}

// indexView is what an index says, whatever its text holds besides: the
// names and codes it replaced, in the order it added them.
type indexView struct {
	built    bool
	badges   map[string]badge
	leaders  map[int64]LeaderRef
	insts    map[int64]instCard
	chapters map[int64]string
	active   map[actionLeader]struct{}
	ids      map[uint64]struct{}
	seq      int64
}

func (ix *index) view() indexView {
	v := indexView{built: ix.built, badges: maps.Clone(ix.others), leaders: map[int64]LeaderRef{}, insts: ix.insts,
		chapters: ix.chapters, active: ix.active, ids: ix.ids, seq: ix.seq}
	for k, b := range ix.badges {
		v.badges[string(k[:])] = b
	}
	for id := range ix.leaders {
		v.leaders[id], _ = ix.leader(id)
	}
	return v
}

// TestIndexStaysExact runs every write that touches what the writer's index
// mirrors, and after each compares the index with one built afresh.
func TestIndexStaysExact(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	leader := func(i, j int) string { return w.codes[i][j] }
	steps := []struct {
		name string
		do   func() error
	}{
		{"check-in", func() error { _, err := w.checkIn(t, "scan-0001", leader(0, 0), 0); return err }},
		{"repeat", func() error { _, err := w.checkIn(t, "scan-0002", leader(0, 0), 1); return err }},
		{"replay", func() error { _, err := w.checkIn(t, "scan-0001", leader(0, 0), 0); return err }},
		{"undo", func() error { _, err := w.st.UndoCheckIn(ctx, w.action, "scan-0001", Actor{}); return err }},
		{"check-in again", func() error { _, err := w.checkIn(t, "scan-0003", leader(0, 0), 0); return err }},
		{"walk-in", func() error {
			_, err := w.st.AddWalkIn(ctx, WalkIn{ID: "walk-0001", Action: w.action, Name: "Rosa", Institution: w.inst[1]})
			return err
		}},
		{"headcount and its undo", func() error {
			if _, err := w.st.AddHeadcount(ctx, Headcount{ID: "head-0001", Action: w.action, Institution: w.inst[1], Count: 9}); err != nil {
				return err
			}
			_, err := w.st.UndoHeadcount(ctx, w.action, "head-0001", Actor{})
			return err
		}},
		{"reissue", func() error { _, err := w.st.ReissueCode(ctx, w.leaderID(t, leader(0, 1))); return err }},
		{"leader edited", func() error {
			return w.st.UpdateLeader(ctx, w.leaderID(t, leader(1, 0)), NewLeader{Name: "Otro nombre", Institution: w.inst[0]})
		}},
		{"leader added", func() error {
			_, err := w.st.AddLeaders(ctx, []NewLeader{{Name: "Nueva", Institution: w.inst[0]}})
			return err
		}},
		{"leader deleted", func() error { return w.st.DeleteLeader(ctx, w.leaderID(t, leader(1, 1))) }},
		{"institution renamed", func() error {
			return w.st.UpdateInstitution(ctx, w.inst[1], w.chapter, "Sindicato 12", "union")
		}},
		{"purge", func() error { _, err := w.st.PurgeAction(ctx, w.action, Actor{}); return err }},
	}
	for _, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		checkIndexExact(t, w.st, s.name)
	}
}

// TestIndexSeesWhatOthersWrite: changes the writer's index did not make
// itself, from another connection or behind its back on its own, are seen
// before the next check-in.
func TestIndexSeesWhatOthersWrite(t *testing.T) {
	w := newWorld(t)
	other, err := sql.Open("sqlite3", dsn(w.st.Path(), false))
	check(t, err)
	defer other.Close()
	_, err = other.Exec(`INSERT INTO leaders (institution_id, name, code) VALUES (?, 'De otro proceso', '0123456789ABCDEF');
		INSERT INTO badge_codes (code, leader_id) VALUES ('0123456789ABCDEF', last_insert_rowid())`, w.inst[0])
	check(t, err)
	res, err := w.checkIn(t, "scan-0001", "0123456789ABCDEF", 0)
	if err != nil || res.Leader.Name != "De otro proceso" {
		t.Errorf("a leader added by another process: %+v, %v", res, err)
	}
	_, err = other.Exec(`UPDATE institutions SET name = 'Renombrada' WHERE id = ?`, w.inst[0])
	check(t, err)
	res, err = w.checkIn(t, "scan-0002", w.codes[0][0], 0)
	if err != nil || res.Leader.Institution.Name != "Renombrada" {
		t.Errorf("an institution renamed by another process: %+v, %v", res, err)
	}
	checkIndexExact(t, w.st, "after another process wrote")
}

// TestReplayAfterPurgeCountsNothing: a check-in answered from its own row
// keeps an answer when the purge removes the row, so a phone's late replay
// changes nothing.
func TestReplayAfterPurgeCountsNothing(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	_, err := w.checkIn(t, "scan-0001", w.codes[0][0], 0)
	check(t, err)
	_, err = w.st.PurgeAction(ctx, w.action, Actor{})
	check(t, err)
	before := w.present(t, w.inst[0])
	res, err := w.checkIn(t, "scan-0001", w.codes[0][0], 0)
	if err != nil || !res.Replayed || res.Status != "purged" {
		t.Errorf("replay after purge = %+v, %v; want the purged answer, replayed", res, err)
	}
	if after := w.present(t, w.inst[0]); after != before {
		t.Errorf("present %d after the replay, want %d", after, before)
	}
	if _, err := w.st.AddHeadcount(ctx, Headcount{ID: "scan-0001", Action: w.action, Institution: w.inst[0], Count: 2}); !errors.Is(err, ErrIDConflict) {
		t.Errorf("headcount reusing a purged check-in's id: err = %v, want ErrIDConflict", err)
	}
}

// TestReplayAfterChangesReturnsFirstAnswer: a check-in sent again gets its
// first answer, whatever happened since to its leader or badge, and counts
// nobody again.
func TestReplayAfterChangesReturnsFirstAnswer(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name  string
		since func(w *world) error
		code  func(w *world) string // the code the replay carries
	}{
		{"undone, then checked in again by another scan", func(w *world) error {
			if _, err := w.st.UndoCheckIn(ctx, w.action, "scan-0001", Actor{}); err != nil {
				return err
			}
			_, err := w.checkIn(t, "scan-0002", w.codes[0][0], 1)
			return err
		}, func(w *world) string { return w.codes[0][0] }},
		{"badge reissued", func(w *world) error {
			_, err := w.st.ReissueCode(ctx, w.leaderID(t, w.codes[0][0]))
			return err
		}, func(w *world) string { return w.codes[0][0] }},
		{"sent with another leader's code", func(w *world) error { return nil },
			func(w *world) string { return w.codes[1][0] }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t)
			first, err := w.checkIn(t, "scan-0001", w.codes[0][0], 0)
			check(t, err)
			check(t, c.since(w))
			before := w.present(t, w.inst[0]) + w.present(t, w.inst[1])
			again, err := w.checkIn(t, "scan-0001", c.code(w), 0)
			if err != nil || !again.Replayed || again.Status != StatusCheckedIn || !again.At.Equal(first.At) || again.Leader.ID != first.Leader.ID {
				t.Errorf("replay = %+v, %v; want the first answer %+v, replayed", again, err, first)
			}
			if after := w.present(t, w.inst[0]) + w.present(t, w.inst[1]); after != before {
				t.Errorf("present %d after the replay, want %d", after, before)
			}
			checkIndexExact(t, w.st, "after the replay")
		})
	}
}

// leaderID finds the leader holding a code.
func (w *world) leaderID(tb testing.TB, code string) int64 {
	tb.Helper()
	var id int64
	check(tb, w.st.read.QueryRow(`SELECT leader_id FROM badge_codes WHERE code = ?`, code).Scan(&id))
	return id
}

// TestIndexKeepsCodesOfAnotherLength: a code that is not CodeLen symbols
// long, which only another program could have written, is kept exact too.
func TestIndexKeepsCodesOfAnotherLength(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	other, err := sql.Open("sqlite3", dsn(w.st.Path(), false))
	check(t, err)
	defer other.Close()
	_, err = other.Exec(`INSERT INTO leaders (institution_id, name, code) VALUES (?, 'Código corto', 'CORTO1');
		INSERT INTO badge_codes (code, leader_id) VALUES ('CORTO1', last_insert_rowid())`, w.inst[0])
	check(t, err)
	checkIndexExact(t, w.st, "a short code written by another program")
	id := w.leaderID(t, "CORTO1")
	_, err = w.st.ReissueCode(ctx, id)
	check(t, err)
	checkIndexExact(t, w.st, "the short code revoked")
	check(t, w.st.DeleteLeader(ctx, id))
	checkIndexExact(t, w.st, "its leader deleted")
}

// TestIndexAfterManyEdits: names replaced again and again leave the index
// exact, and its text no larger than twice what it holds.
func TestIndexAfterManyEdits(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	id := w.leaderID(t, w.codes[0][0])
	for i := range 40 {
		check(t, w.st.UpdateLeader(ctx, id, NewLeader{Name: fmt.Sprintf("Nombre número %d", i), Institution: w.inst[0]}))
		checkIndexExact(t, w.st, fmt.Sprintf("edit %d", i))
	}
	err := w.st.writeOwn(ctx, true, func(tx *sql.Tx) ([]Event, error) {
		ix, err := w.st.indexIn(tx)
		if err != nil {
			return nil, err
		}
		fresh := &index{seed: ix.seed}
		if err := fresh.rebuild(tx); err != nil {
			return nil, err
		}
		if len(ix.text.b) > 2*len(fresh.text.b) {
			return nil, fmt.Errorf("text of %d bytes, holding %d", len(ix.text.b), len(fresh.text.b))
		}
		return nil, nil
	})
	check(t, err)
}

// TestIndexMapsHoldNoPointers: the maps that grow with the roster keep
// keys and values without pointers, and the leaders' text is bytes, so the
// garbage collector has nothing to scan in them. A string field added to
// one of them would have it scan every leader again on every cycle. (A map
// keeps a key or value over 128 bytes behind a pointer of its own.)
func TestIndexMapsHoldNoPointers(t *testing.T) {
	ix := newIndex()
	ix.reset()
	for name, v := range map[string]any{"badges": ix.badges, "leaders": ix.leaders, "active": ix.active,
		"ids": ix.ids, "text": ix.text.b} {
		typ := reflect.TypeOf(v)
		parts := []reflect.Type{typ.Elem()}
		if typ.Kind() == reflect.Map {
			parts = append(parts, typ.Key())
		}
		for _, p := range parts {
			if hasPointers(p) || p.Size() > 128 {
				t.Errorf("%s: %v holds pointers, or is kept behind one", name, p)
			}
		}
	}
}

// hasPointers reports whether a value of type typ holds any pointer.
func hasPointers(typ reflect.Type) bool {
	switch typ.Kind() {
	case reflect.Array:
		return hasPointers(typ.Elem())
	case reflect.Struct:
		for i := range typ.NumField() {
			if hasPointers(typ.Field(i).Type) {
				return true
			}
		}
		return false
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint,
		reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr, reflect.Float32,
		reflect.Float64, reflect.Complex64, reflect.Complex128:
		return false
	}
	return true
}
