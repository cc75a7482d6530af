package server

import (
	"context"
	"fmt"

	"presente/server/live"
	"presente/server/store"
)

// onCommit runs in the store's writer, in commit order, before any writer
// is answered: the tally and its dashboards only ever see committed changes.
func (s *Server) onCommit(events []store.Event) {
	reload := map[int64]bool{}
	for _, ev := range events {
		switch {
		case ev.Kind == "structure" && ev.Action == 0:
			for _, id := range s.tally.Loaded() {
				reload[id] = true
			}
		case ev.Kind == "structure":
			reload[ev.Action] = true
		case reload[ev.Action]:
			// the reload below already includes this change
		case !s.tally.Apply(ev.Action, ev.Institution, ev.Kind, ev.Delta, ev.At):
			reload[ev.Action] = true
		}
	}
	for id := range reload {
		if err := s.loadBoard(context.Background(), id); err != nil {
			s.log.Error("reload tally", "action", id, "err", err)
		}
	}
}

func (s *Server) loadAll(ctx context.Context) error {
	actions, err := s.store.Actions(ctx)
	if err != nil {
		return err
	}
	for _, a := range actions {
		if err := s.loadBoard(ctx, a.ID); err != nil {
			return err
		}
	}
	return nil
}

// loadBoard rebuilds one action's numbers from the database.
func (s *Server) loadBoard(ctx context.Context, action int64) error {
	a, err := s.store.Action(ctx, action)
	if err != nil {
		return err
	}
	counts, err := s.store.Counts(ctx, action)
	if err != nil {
		return fmt.Errorf("load tally: %w", err)
	}
	s.tally.Load(action, a.Goal, chapters(counts))
	return nil
}

// chapters groups counts, already ordered by chapter, into live chapters.
func chapters(counts []store.Count) []live.Chapter {
	var out []live.Chapter
	for _, c := range counts {
		if len(out) == 0 || out[len(out)-1].ID != c.Chapter.ID {
			out = append(out, live.Chapter{ID: c.Chapter.ID, Name: c.Chapter.Name})
		}
		ch := &out[len(out)-1]
		ch.Institutions = append(ch.Institutions, live.Institution{ID: c.Institution.ID,
			Name: c.Institution.Name, Committed: c.Committed, Present: c.CheckedIn + c.Headcount})
	}
	return out
}
