package server

import (
	"context"
	"fmt"

	"presente/server/live"
	"presente/server/store"
)

// onCommit runs in the store's writer, in commit order, before any writer
// is answered: the tally and its dashboards only ever see committed changes.
// What it reads from the database here is read between two commits.
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
		case !s.tally.Record(ev.Action, ev.Institution, ev.Kind, ev.Delta, here, ev.At, live.Arrival{Ref: ev.Ref, At: ev.Arrived, Venue: ev.Venue}):
			reload[ev.Action] = true
		}
		s.moveFirstsElsewhere(elsewhere, ev.At, reload)
	}
	for id := range reload {
		if err := s.loadBoard(context.Background(), id); err != nil {
			s.log.Error("reload tally", "action", id, "err", err)
		}
	}
	s.refillArrivals(events, reload)
}

// refillArrivals loads again the latest arrivals that undos thinned out.
func (s *Server) refillArrivals(events []store.Event, reloaded map[int64]bool) {
	for _, ev := range events {
		if !reloaded[ev.Action] && s.tally.ArrivalsShort(ev.Action) {
			reloaded[ev.Action] = true
			if err := s.loadArrivals(context.Background(), ev.Action); err != nil {
				s.log.Error("reload arrivals", "action", ev.Action, "err", err)
			}
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

// loadBoard rebuilds one action's numbers and arrivals from the database.
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
	return s.loadArrivals(ctx, action)
}

// loadArrivals reads an action's arrivals per minute and its latest ones
// into the tally, which keeps them from then on; at a venue's node, its
// own hall's too.
func (s *Server) loadArrivals(ctx context.Context, action int64) error {
	perMinute, err := s.store.ArrivalsPerMinute(ctx, action)
	if err != nil {
		return fmt.Errorf("load arrivals: %w", err)
	}
	latest, all, err := s.store.LatestArrivals(ctx, action, live.RecentKeep)
	if err != nil {
		return fmt.Errorf("load arrivals: %w", err)
	}
	s.tally.LoadArrivals(action, perMinute, liveArrivals(latest), all)
	hall, err := s.hall(ctx)
	if err != nil || hall == "" {
		return err
	}
	if perMinute, err = s.store.HallArrivalsPerMinute(ctx, action, hall); err != nil {
		return fmt.Errorf("load arrivals: %w", err)
	}
	if latest, all, err = s.store.HallLatestArrivals(ctx, action, hall, live.RecentKeep); err != nil {
		return fmt.Errorf("load arrivals: %w", err)
	}
	s.tally.LoadHallArrivals(action, hall, perMinute, liveArrivals(latest), all)
	return nil
}

// hall is the venue whose hall this node's screens show, at a venue's node
// (a standby's too); "" at the hub, which shows the whole, and at a single
// node.
func (s *Server) hall(ctx context.Context) (string, error) {
	venue, hub, err := s.store.Venue(ctx)
	if err != nil || hub {
		return "", err
	}
	return venue, nil
}

func liveArrivals(in []store.Arrival) []live.Arrival {
	out := make([]live.Arrival, len(in))
	for i, a := range in {
		out[i] = live.Arrival{Ref: a.Ref, Institution: a.Institution, Count: a.Count, At: a.At}
	}
	return out
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
