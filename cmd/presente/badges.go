package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"presente/badges"
	"presente/server/sheets"
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
	n, err := e.writePDF(st, *out, *action, store.BadgeFilter{Institution: *inst}, layout)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %d badges to %s\n", n, *out)
	return nil
}

// writePDF renders into a temporary file beside out and renames it, so a
// failed render never leaves half a PDF.
func (e env) writePDF(st *store.Store, out string, action int64, f store.BadgeFilter, layout badges.Layout) (int, error) {
	tmp, err := os.CreateTemp(filepath.Dir(out), ".badges-*.pdf")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name())
	n, err := sheets.Write(e.ctx, tmp, st, action, f, layout)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, err
	}
	return n, os.Rename(tmp.Name(), out)
}
