package server

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"presente/server/store"
)

// benchDB opens a database file for the benchmark's own writes, with the
// pragmas the store uses: WAL, synchronous=FULL, immediate transactions.
func benchDB(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	db := benchOpen(tb, path, url.Values{})
	db.SetMaxOpenConns(1)
	return db
}

// benchReadDB opens a database file as the store's read pool does, with
// the rest of its pragmas too (foreign keys, the 16 MB page cache, query
// only), so that a scan through it is the baseline the store's own scan was.
func benchReadDB(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	q := url.Values{}
	q.Set("_foreign_keys", "on")
	q.Set("_cache_size", "-16000")
	q.Set("_query_only", "true")
	return benchOpen(tb, path, q)
}

// benchOpen opens path with the store's durability pragmas and those of q,
// closing it when the test ends.
func benchOpen(tb testing.TB, path string, q url.Values) *sql.DB {
	tb.Helper()
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "FULL")
	q.Set("_busy_timeout", "10000")
	q.Set("_txlock", "immediate")
	q.Set("_stmt_cache_size", "64")
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+q.Encode())
	if err != nil {
		tb.Fatalf("open %s: %v", filepath.Base(path), err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// benchScan reads every check-in row once and counts them: the baseline the
// tally rebuild is measured against.
func benchScan(ctx context.Context, db *sql.DB) (int, error) {
	rows, err := db.QueryContext(ctx, `SELECT institution_id FROM checkins`)
	if err != nil {
		return 0, fmt.Errorf("scan check-ins: %w", err)
	}
	defer rows.Close()
	n := 0
	var inst int64
	for rows.Next() {
		if err := rows.Scan(&inst); err != nil {
			return 0, fmt.Errorf("scan check-ins: %w", err)
		}
		n++
	}
	return n, rows.Err()
}

// benchLeaders inserts n leaders with fresh badge codes straight into the
// database in one transaction, spread over the institutions, and returns
// their codes. With checkIn set, each is also checked in at that action.
// Seeding through the store would take minutes; the seed is not what the
// benchmark measures.
func benchLeaders(tb testing.TB, path string, insts []int64, n int, checkIn int64) []string {
	tb.Helper()
	db := benchDB(tb, path)
	tx, err := db.Begin()
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	leader := benchPrepare(tb, tx, `INSERT INTO leaders (institution_id, name, code) VALUES (?, ?, ?)`)
	badge := benchPrepare(tb, tx, `INSERT INTO badge_codes (code, leader_id) VALUES (?, ?)`)
	checkin := benchPrepare(tb, tx, `INSERT INTO checkins (client_id, action_id, leader_id, institution_id, scanned_at)
		VALUES (?, ?, ?, ?, ?)`)
	at := time.Now().UTC().Format("2006-01-02T15:04:05.000Z")
	codes := make([]string, n)
	for i := range codes {
		codes[i] = store.NewCode()
		inst := insts[i%len(insts)]
		res, err := leader.Exec(inst, fmt.Sprintf("Persona de carga %d", i), codes[i])
		if err != nil {
			tb.Fatalf("seed leader %d: %v", i, err)
		}
		id, _ := res.LastInsertId()
		if _, err := badge.Exec(codes[i], id); err != nil {
			tb.Fatalf("seed badge %d: %v", i, err)
		}
		if checkIn != 0 {
			if _, err := checkin.Exec(fmt.Sprintf("seed-%08d", i), checkIn, id, inst, at); err != nil {
				tb.Fatalf("seed check-in %d: %v", i, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	return codes
}

func benchPrepare(tb testing.TB, tx *sql.Tx, query string) *sql.Stmt {
	tb.Helper()
	st, err := tx.Prepare(query)
	if err != nil {
		tb.Fatalf("prepare: %v", err)
	}
	return st
}

// institutionIDs lists the fixture's institutions in a stable order.
func institutionIDs(f fixture) []int64 {
	var ids []int64
	for _, id := range f.Institutions {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// dbTotal is what the database counts present at an action: check-ins in
// force plus headcounts, straight from the tables.
func dbTotal(tb testing.TB, path string, action int64) int {
	tb.Helper()
	db := benchDB(tb, path)
	var n int
	err := db.QueryRow(`SELECT (SELECT count(*) FROM checkins WHERE action_id = ?1 AND undone_at IS NULL)
		+ (SELECT coalesce(sum(count), 0) FROM headcounts WHERE action_id = ?1 AND undone_at IS NULL)`, action).Scan(&n)
	if err != nil {
		tb.Fatalf("count: %v", err)
	}
	return n
}
