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
	s.prepareFirsts(events)
	for _, ev := range events {
		here, elsewhere := s.firstMoves(ev)
		switch {
		case ev.Kind == "structure" && ev.Action == 0:
			for _, id := range s.tally.Loaded() {
				reload[id] = true
			}
		case ev.Kind == "structure" || ev.Kind == "purge":
			reload[ev.Action] = true
		case reload[ev.Action]:
			// the reload below already includes this change
		case !s.tally.ApplyFirst(ev.Action, ev.Institution, ev.Kind, ev.Delta, here, ev.At):
			reload[ev.Action] = true
		}
		s.moveFirstsElsewhere(elsewhere, ev.At, reload)
	}
	for id := range reload {
		if err := s.loadBoard(context.Background(), id); err != nil {
			s.log.Error("reload tally", "action", id, "err", err)
		}
	}
}

func (s *Server) loadAll(ctx context.Context) error {
	if err := s.loadFirsts(ctx); err != nil {
		return err
	}
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
	chs := chapters(counts)
	if err := s.addFirstTimes(ctx, action, chs); err != nil {
		return err
	}
	s.tally.Load(action, a.Goal, chs)
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
