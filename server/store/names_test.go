package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// controlNames are names no roster should hold: a terminal escape that
// clears the screen, the one-byte C1 form of it, a bell and a DEL. A
// terminal, a log or a CSV reader would act on them.
var controlNames = []string{"Ana\x1b[2J López", "Ana \u009b31m López", "Ana\a López", "Ana López\x7f"}

// TestEveryNameWriteRefusesControlCharacters: one rule for every name the
// store writes, whichever path writes it.
func TestEveryNameWriteRefusesControlCharacters(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	inst := w.inst[0]
	n := 0
	id := func(kind string) string { n++; return fmt.Sprintf("%s-%04d", kind, n) }
	writes := map[string]func(name string) error{
		"create chapter":     func(n string) error { _, err := w.st.CreateChapter(ctx, n); return err },
		"rename chapter":     func(n string) error { return w.st.RenameChapter(ctx, w.chapter, n) },
		"create institution": func(n string) error { _, err := w.st.CreateInstitution(ctx, w.chapter, n, ""); return err },
		"update institution": func(n string) error { return w.st.UpdateInstitution(ctx, inst, w.chapter, n, "union") },
		"add leader": func(n string) error {
			_, err := w.st.AddLeaders(ctx, []NewLeader{{Name: n, Institution: inst}})
			return err
		},
		"update leader": func(n string) error { return w.st.UpdateLeader(ctx, 1, NewLeader{Name: n, Institution: inst}) },
		"leader phone": func(n string) error {
			return w.st.UpdateLeader(ctx, 1, NewLeader{Name: "Ana", Institution: inst, Phone: n})
		},
		"leader email": func(n string) error {
			return w.st.UpdateLeader(ctx, 1, NewLeader{Name: "Ana", Institution: inst, Email: n})
		},
		"create door": func(n string) error { _, _, err := w.st.CreateDoor(ctx, w.action, n); return err },
		"create action": func(n string) error {
			_, err := w.st.CreateAction(ctx, Action{Name: n, Date: "2027-01-01"})
			return err
		},
		"action venue": func(n string) error {
			_, err := w.st.CreateAction(ctx, Action{Name: "Otra", Venue: n, Date: "2027-01-01"})
			return err
		},
		"create organizer":    func(n string) error { _, err := w.st.CreateOrganizer(ctx, n, "a long enough password"); return err },
		"walk-in at the door": func(n string) error { return walkIn(w, id("walkin"), n) },
		"paper sheet": func(n string) error {
			_, err := w.st.AddPaperLeader(ctx, PaperLeader{ID: id("paper"), Action: w.action, Name: n, Institution: inst, At: time.Now()})
			return err
		},
	}
	for what, write := range writes {
		for _, name := range controlNames {
			err := write(name)
			var inv *InvalidError
			if !errors.As(err, &inv) || !strings.Contains(inv.Reason, "control character") {
				t.Errorf("%s %q: err %v, want it refused for its control character", what, name, err)
			}
		}
		if err := write("José Peña-O'Brien " + what); err != nil {
			t.Errorf("%s with an ordinary name: %v", what, err)
		}
	}
}

func walkIn(w *world, id, name string) error {
	_, err := w.st.AddWalkIn(context.Background(), WalkIn{ID: id, Action: w.action, Name: name,
		Institution: w.inst[1], By: Actor{Door: w.door[0]}})
	return err
}
