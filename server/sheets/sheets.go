// Package sheets prints badge sheets from the roster: the one bridge from
// the store's records to the badges package, for the HTTP routes and the
// command line alike.
package sheets

import (
	"context"
	"fmt"
	"io"

	"presente/badges"
	"presente/server/store"
)

// Write writes to w, as a PDF in layout, the badges of action's leaders
// that f picks, and says how many it wrote. The store's errors come back
// as they are (store.ErrNotFound for an unknown action); a roster with no
// leader to print is badges.ErrNoBadges.
func Write(ctx context.Context, w io.Writer, st *store.Store, action int64, f store.BadgeFilter, layout badges.Layout) (int, error) {
	a, err := st.Action(ctx, action)
	if err != nil {
		return 0, err
	}
	leaders, err := st.BadgeLeaders(ctx, f)
	if err != nil {
		return 0, err
	}
	if err := badges.Render(w, toAction(a), toLeaders(leaders), layout); err != nil {
		return 0, fmt.Errorf("render badges: %w", err)
	}
	return len(leaders), nil
}

func toAction(a store.Action) badges.Action {
	return badges.Action{Name: a.Name, Date: a.Date, Venue: a.Venue}
}

func toLeaders(leaders []store.BadgeLeader) []badges.Leader {
	out := make([]badges.Leader, len(leaders))
	for i, l := range leaders {
		out[i] = badges.Leader{Name: l.Name, Institution: l.Institution, Chapter: l.Chapter, Language: l.Language, Code: l.Code}
	}
	return out
}
