package store

import (
	"context"
	"database/sql"
	"fmt"
	"hash/maphash"
	"maps"
)

// rebuild reads the whole index from the database, inside the writer's
// transaction, before any write of it ran.
func (ix *index) rebuild(tx *sql.Tx) error {
	ix.reset()
	steps := []func(*sql.Tx) error{ix.loadPlaces, ix.loadLeaders, ix.loadBadges, ix.loadInForce, ix.loadIDs, ix.loadSeq}
	for _, step := range steps {
		if err := step(tx); err != nil {
			return fmt.Errorf("build the writer's index: %w", err)
		}
	}
	ix.built = true
	return nil
}

// loadPlaces reads every institution and chapter: a few hundred rows.
func (ix *index) loadPlaces(tx *sql.Tx) error {
	clear(ix.chapters)
	err := eachRow(context.Background(), tx, `SELECT id, name FROM chapters`, func(rows *sql.Rows) error {
		var id int64
		var name string
		err := rows.Scan(&id, &name)
		ix.chapters[id] = name
		return err
	})
	if err != nil {
		return err
	}
	clear(ix.insts)
	return eachRow(context.Background(), tx, `SELECT id, name, chapter_id FROM institutions`, func(rows *sql.Rows) error {
		var id int64
		var in instCard
		err := rows.Scan(&id, &in.name, &in.chapter)
		ix.insts[id] = in
		return err
	})
}

// loadLeaders reads every leader, and with each the code in force.
func (ix *index) loadLeaders(tx *sql.Tx) error {
	return eachRow(context.Background(), tx, `SELECT id, name, code, institution_id FROM leaders`, func(rows *sql.Rows) error {
		var id int64
		var name, code sql.RawBytes
		var c leaderCard
		err := rows.Scan(&id, &name, &code, &c.inst)
		c.name, c.code = ix.text.addBytes(name), ix.text.addBytes(code)
		ix.leaders[id] = c
		if k, ok := keyOf(code); ok {
			ix.badges[k] = badge{leader: id}
		} else {
			ix.others[string(code)] = badge{leader: id}
		}
		return err
	})
}

// loadBadges reads the revoked codes. Every other code is its leader's code
// in force: the store keeps a code in both tables, and revokes the old one
// when it issues a new one.
func (ix *index) loadBadges(tx *sql.Tx) error {
	return eachRow(context.Background(), tx, `SELECT code, leader_id FROM badge_codes WHERE revoked_at IS NOT NULL`,
		func(rows *sql.Rows) error {
			var code string
			b := badge{revoked: true}
			err := rows.Scan(&code, &b.leader)
			ix.setBadge(code, b)
			return err
		})
}

// loadInForce reads which leaders are checked in at which action, from the
// index that keeps one check-in in force per leader and action.
func (ix *index) loadInForce(tx *sql.Tx) error {
	return eachRow(context.Background(), tx, `SELECT action_id, leader_id FROM checkins WHERE undone_at IS NULL`,
		func(rows *sql.Rows) error {
			var k actionLeader
			err := rows.Scan(&k.action, &k.leader)
			ix.active[k] = struct{}{}
			return err
		})
}

// loadIDs reads the client ids of stored answers and headcounts.
func (ix *index) loadIDs(tx *sql.Tx) error {
	return eachRow(context.Background(), tx, `SELECT client_id FROM answers UNION ALL
		SELECT client_id FROM headcounts`, func(rows *sql.Rows) error {
		var id sql.RawBytes
		err := rows.Scan(&id)
		ix.ids[maphash.Bytes(ix.seed, id)] = struct{}{}
		return err
	})
}

func (ix *index) loadSeq(tx *sql.Tx) error {
	return tx.QueryRow(`SELECT max(coalesce(max(seq), 0), coalesce(max(undo_seq), 0)) FROM checkins`).Scan(&ix.seq)
}

// reloadLeader reads again one leader and the codes issued to them, after a
// write the index did not follow changed them. A deleted leader is dropped
// with their codes (a walk through every code: deleting is rare). When more
// of the index's text is replaced names and codes than used ones, the index
// is built again before the next write.
func (ix *index) reloadLeader(tx *sql.Tx, id int64) error {
	l := LeaderRef{ID: id}
	err := tx.QueryRow(`SELECT name, code, institution_id FROM leaders WHERE id = ?`, id).Scan(&l.Name, &l.Code, &l.Institution.ID)
	if err == sql.ErrNoRows {
		ix.dropLeader(id)
		return nil
	}
	if err != nil {
		return fmt.Errorf("reload leader %d: %w", id, err)
	}
	ix.setLeader(l)
	if ix.text.wasteful() {
		ix.built = false
	}
	return eachRow(context.Background(), tx, `SELECT code, revoked_at IS NOT NULL FROM badge_codes WHERE leader_id = ?`,
		func(rows *sql.Rows) error {
			var code string
			b := badge{leader: id}
			err := rows.Scan(&code, &b.revoked)
			ix.setBadge(code, b)
			return err
		}, id)
}

// dropLeader forgets a deleted leader and every code issued to them.
func (ix *index) dropLeader(id int64) {
	if card, ok := ix.leaders[id]; ok {
		ix.text.drop(card.name)
		ix.text.drop(card.code)
		delete(ix.leaders, id)
	}
	maps.DeleteFunc(ix.badges, func(_ codeKey, b badge) bool { return b.leader == id })
	maps.DeleteFunc(ix.others, func(_ string, b badge) bool { return b.leader == id })
}
