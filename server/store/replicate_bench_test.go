package store

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// BenchmarkCheckInOutboxTriggers measures what the check-in outbox
// triggers would cost a single node's check-in, had it them (since
// migration 015 only a network node has): the same INSERT, 100 to a
// transaction, into two stores, one with the triggers and one without,
// taking turns batch by batch so both see the same machine. It reports
// each store's time per INSERT.
func BenchmarkCheckInOutboxTriggers(b *testing.B) {
	with, without := newWorld(b), newWorld(b)
	check(b, addOutboxTriggers(context.Background(), with.st.writeDB))
	lw, lo := benchLeaders(b, with, b.N), benchLeaders(b, without, b.N)
	var tw, to time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i += 100 {
		n := min(100, b.N-i)
		tw += benchInserts(b, with, lw[i:i+n], i)
		to += benchInserts(b, without, lo[i:i+n], i)
	}
	b.ReportMetric(float64(tw.Nanoseconds())/float64(b.N), "ns/insert-with")
	b.ReportMetric(float64(to.Nanoseconds())/float64(b.N), "ns/insert-without")
}

func benchLeaders(b *testing.B, w *world, n int) []LeaderRef {
	nl := make([]NewLeader, n)
	for i := range nl {
		nl[i] = NewLeader{Name: fmt.Sprintf("P %d", i), Institution: w.inst[0]}
	}
	ls, err := w.st.AddLeaders(context.Background(), nl)
	check(b, err)
	return ls
}

func benchInserts(b *testing.B, w *world, ls []LeaderRef, from int) time.Duration {
	start := time.Now()
	tx, err := w.st.writeDB.Begin()
	check(b, err)
	for j, l := range ls {
		_, err := tx.Exec(`INSERT INTO checkins (client_id, action_id, leader_id, institution_id, scanned_at, seq)
			VALUES (?, ?, ?, ?, '2026-12-12T10:00:00Z', ?)`, fmt.Sprintf("b-%08d", from+j), w.action, l.ID, w.inst[0], from+j+1)
		check(b, err)
	}
	check(b, tx.Commit())
	return time.Since(start)
}
