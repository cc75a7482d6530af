// Package demo seeds a realistic, fictional network into an empty store, so
// a newcomer sees the scanner and the dashboard working at once.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"presente/server/store"
)

// Network describes what Seed created.
type Network struct {
	Action    store.Action
	Leaders   int
	Committed int
}

// Seed creates about 6 chapters, 30 institutions, 1,200 leaders and one
// upcoming action whose commitments sum to about 1,500.
func Seed(ctx context.Context, st *store.Store, today time.Time) (Network, error) {
	r := rand.New(rand.NewPCG(2026, 12))
	contacts := rand.New(rand.NewPCG(2026, 15)) // apart, so the roster stays what it was
	var n Network
	commit := map[int64]int{}
	for _, ch := range chapters {
		chapter, err := st.CreateChapter(ctx, ch.name)
		if err != nil {
			return n, fmt.Errorf("seed chapter: %w", err)
		}
		for _, in := range ch.institutions {
			size, err := seedInstitution(ctx, st, r, chapter.ID, in)
			if err != nil {
				return n, err
			}
			if err := st.SetContact(ctx, size.id, contact(contacts)); err != nil {
				return n, fmt.Errorf("seed contact: %w", err)
			}
			commit[size.id] = size.leaders + size.leaders/4 + r.IntN(6)
			n.Leaders += size.leaders
			n.Committed += commit[size.id]
		}
	}
	a, err := st.CreateAction(ctx, store.Action{Name: "Asamblea Estatal: Dignidad para Todos",
		Date: today.AddDate(0, 0, 14).Format("2006-01-02"), StartsAt: "15:00",
		Venue: "Centro de Convenciones de Durham", Goal: 1500})
	if err != nil {
		return n, fmt.Errorf("seed action: %w", err)
	}
	n.Action = a
	return n, st.SetCommitments(ctx, a.ID, commit)
}

type seeded struct {
	id      int64
	leaders int
}

func seedInstitution(ctx context.Context, st *store.Store, r *rand.Rand, chapter int64, in institution) (seeded, error) {
	ref, err := st.CreateInstitution(ctx, chapter, in.name, in.kind)
	if err != nil {
		return seeded{}, fmt.Errorf("seed institution: %w", err)
	}
	leaders := make([]store.NewLeader, 25+r.IntN(31)) // 25..55, about 40 on average
	for i := range leaders {
		leaders[i] = person(r, ref.ID)
	}
	if _, err := st.AddLeaders(ctx, leaders); err != nil {
		return seeded{}, fmt.Errorf("seed leaders: %w", err)
	}
	return seeded{id: ref.ID, leaders: len(leaders)}, nil
}

// contact is an institution's contact person, whom organizers call when
// its delegation is short.
func contact(r *rand.Rand) store.Contact {
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	return store.Contact{Name: pick(firstNamesES) + " " + pick(lastNamesES), Phone: phone(r)}
}

func person(r *rand.Rand, institution int64) store.NewLeader {
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	if r.IntN(5) == 0 {
		return store.NewLeader{Name: pick(firstNamesEN) + " " + pick(lastNamesEN), Institution: institution,
			Language: "en", Phone: phone(r)}
	}
	name := pick(firstNamesES) + " " + pick(lastNamesES)
	if r.IntN(3) == 0 {
		name += " " + pick(lastNamesES) // many carry both surnames
	}
	return store.NewLeader{Name: name, Institution: institution, Language: "es", Phone: phone(r)}
}

// phone makes a number in the 555-01xx range reserved for fiction.
func phone(r *rand.Rand) string {
	areas := []string{"919", "984", "704", "336"}
	return fmt.Sprintf("(%s) 555-01%02d", areas[r.IntN(len(areas))], r.IntN(100))
}
