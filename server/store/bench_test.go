package store

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
)

// BenchmarkCheckInParallel measures the store's durable check-in rate with
// 64 concurrent writers sharing group commits.
func BenchmarkCheckInParallel(b *testing.B) {
	w := newWorld(b)
	ctx := context.Background()
	nl := make([]NewLeader, b.N+10)
	for i := range nl {
		nl[i] = NewLeader{Name: fmt.Sprintf("P %d", i), Institution: w.inst[0]}
	}
	ls, err := w.st.AddLeaders(ctx, nl)
	check(b, err)
	var next atomic.Int64
	b.SetParallelism(32)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := next.Add(1)
			if _, err := w.st.CheckIn(ctx, CheckIn{ID: fmt.Sprintf("bench-%08d", i), Action: w.action, Code: ls[i].Code}); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
