package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"presente/badges"
	"presente/server"
	"presente/server/store"
)

// badges writes a PDF of badge sheets for an action, or one institution.
func (e env) badges(args []string) error {
	f := e.flags("badges")
	data := f.data()
	action := f.id("action", "PRESENTE_ACTION", "action id")
	inst := f.Int64("institution", 0, "only this institution's leaders")
	layoutName := f.String("layout", "insert", "insert (4 x 3 in, 6 a sheet) or card (3.5 x 2 in, 10 a sheet)")
	out := f.String("o", "", "PDF file to write")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	layout, err := badges.ParseLayout(*layoutName)
	if err != nil {
		return err
	}
	if *out == "" || *action == 0 {
		return errors.New("--action and -o FILE.pdf are required")
	}
	st, err := e.openStore(*data)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := st.Action(e.ctx, *action)
	if err != nil {
		return err
	}
	leaders, err := st.BadgeLeaders(e.ctx, store.BadgeFilter{Institution: *inst})
	if err != nil {
		return err
	}
	if err := writePDF(*out, a, leaders, layout); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %d badges to %s\n", len(leaders), *out)
	return nil
}

// writePDF renders into a temporary file beside out and renames it, so a
// failed render never leaves half a PDF.
func writePDF(out string, a store.Action, leaders []store.BadgeLeader, layout badges.Layout) error {
	tmp, err := os.CreateTemp(filepath.Dir(out), ".badges-*.pdf")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	err = server.RenderBadges(tmp, a, leaders, layout)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), out)
}
