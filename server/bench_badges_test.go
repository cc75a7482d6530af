package server

import (
	"fmt"
	"io"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"presente/badges"
	"presente/server/store"
)

const (
	figBadges       = "5,000 badges to PDF"
	benchBadgeCount = 5000
)

// benchBadges renders 5,000 badges of 30 institutions and samples the
// memory the Go runtime holds meanwhile.
func benchBadges(t *testing.T, rep *benchReport) {
	ls := benchBadgeRoster(benchBadgeCount, 30)
	debug.FreeOSMemory()
	before := runtimeBytes()
	stop := samplePeakBytes()
	var out benchCountingWriter
	start := time.Now()
	err := badges.Render(&out, badges.Action{Name: "Asamblea de Rendición de Cuentas", Date: "2026-12-12",
		Venue: "Catedral de San Fernando"}, ls, badges.LayoutInsert)
	took := time.Since(start)
	peak := stop()
	if err != nil {
		t.Fatal(err)
	}
	rep.Add(
		benchFigure(figBadges, "time", "s", took.Seconds()).AtMost(3).
			Noted("a %.1f MB PDF, insert layout, 6 badges a sheet", float64(out.n)/(1<<20)),
		benchFigure(figBadges, "peak memory", "MB", float64(peak)/(1<<20)).AtMost(200).
			Noted("the most memory the Go runtime held while rendering, sampled every millisecond; %.0f MB of it was held before",
				float64(before)/(1<<20)),
	)
}

// benchBadgeRoster is n leaders of a given number of institutions with names
// in Spanish and English, accents and all.
func benchBadgeRoster(n, institutions int) []badges.Leader {
	first := []string{"José", "María", "Ana", "Luis", "Guadalupe", "Carmen", "John", "Ngozi"}
	last := []string{"Ñúñez", "Peña", "Müller", "Álvarez", "García", "Smith", "O'Brien", "Zúñiga"}
	ls := make([]badges.Leader, n)
	for i := range ls {
		inst := i % institutions
		ls[i] = badges.Leader{
			Name:        fmt.Sprintf("%s %s %d", first[i%len(first)], last[(i/3)%len(last)], i),
			Institution: fmt.Sprintf("Institución %02d", inst),
			Chapter:     []string{"Norte", "Sur", "Este"}[inst%3],
			Language:    []string{"es", "es", "en"}[i%3],
			Code:        store.NewCode(),
		}
	}
	return ls
}

type benchCountingWriter struct{ n int64 }

func (w *benchCountingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

var _ io.Writer = (*benchCountingWriter)(nil)

func runtimeBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// samplePeakBytes samples the memory the Go runtime maps until the returned
// function is called, which returns the highest sample.
func samplePeakBytes() func() uint64 {
	done := make(chan struct{})
	var peak uint64
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			peak = max(peak, runtimeBytes())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak
	}
}
