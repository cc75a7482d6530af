package server

import (
	"context"
	"fmt"
	"time"

	"presente/server/live"
	"presente/server/store"
)

// First-timers, live: the index in live.Firsts is built from the database at
// start and moved by each committed check-in and undo, so a check-in costs
// the writer no extra statement. A purge rebuilds it; a new or moved action
// only sorts it again.

// loadFirsts builds the index of first-timers from the database.
func (s *Server) loadFirsts(ctx context.Context) error {
	order, err := s.store.ActionOrder(ctx)
	if err != nil {
		return err
	}
	ps, err := s.store.Presences(ctx)
	if err != nil {
		return err
	}
	presences := make([]live.Presence, len(ps))
	for i, p := range ps {
		presences[i] = live.Presence(p)
	}
	s.firsts.Reset(order, presences)
	return nil
}

// prepareFirsts brings the index up to date before a commit's events move
// it: rebuilt after a purge, sorted again when an action was added or moved
// or a check-in names an action it cannot place.
func (s *Server) prepareFirsts(events []store.Event) {
	ctx := context.Background()
	reorder := false
	for _, ev := range events {
		switch {
		case ev.Kind == "purge":
			if err := s.loadFirsts(ctx); err != nil {
				s.log.Error("rebuild first-timers", "err", err)
			}
			return
		case ev.Kind == "structure" && ev.Action != 0, ev.Leader != 0 && !s.firsts.Knows(ev.Action):
			reorder = true
		}
	}
	if !reorder {
		return
	}
	order, err := s.store.ActionOrder(ctx)
	if err != nil {
		s.log.Error("order actions for first-timers", "err", err)
		return
	}
	s.firsts.Reorder(order)
}

// firstMoves moves the index by one event and splits how first-timers
// moved: here, at the event's own action and institution, and elsewhere.
func (s *Server) firstMoves(ev store.Event) (here int, elsewhere []live.FirstMove) {
	if ev.Leader == 0 {
		return 0, nil
	}
	p := live.Presence{Leader: ev.Leader, Action: ev.Action, Institution: ev.Institution}
	var moves []live.FirstMove
	switch ev.Kind {
	case "checkin":
		moves = s.firsts.Add(p)
	case "undo":
		moves = s.firsts.Remove(p)
	}
	for _, m := range moves {
		if m.Action == ev.Action && m.Institution == ev.Institution {
			here += m.Delta
		} else {
			elsewhere = append(elsewhere, m)
		}
	}
	return here, elsewhere
}

// moveFirstsElsewhere applies moves at other actions (a leader's first
// action became a later or an earlier one) as changes of their own.
func (s *Server) moveFirstsElsewhere(moves []live.FirstMove, at time.Time, reload map[int64]bool) {
	for _, m := range moves {
		if !reload[m.Action] && !s.tally.ApplyFirst(m.Action, m.Institution, "first_time", 0, m.Delta, at) {
			reload[m.Action] = true
		}
	}
}

// addFirstTimes puts each institution's first-timers into an action's
// chapters: the index's, and those a purge froze.
func (s *Server) addFirstTimes(ctx context.Context, action int64, chapters []live.Chapter) error {
	counts := s.firsts.Count(action)
	purged, err := s.store.PurgedFirstTimes(ctx, action)
	if err != nil {
		return fmt.Errorf("load tally: %w", err)
	}
	for ci := range chapters {
		for ii := range chapters[ci].Institutions {
			in := &chapters[ci].Institutions[ii]
			in.FirstTime = counts[in.ID] + purged[in.ID]
		}
	}
	return nil
}
