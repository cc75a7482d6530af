package main

import (
	"fmt"
	"os"
	"path/filepath"

	"presente/server/store"
)

// backup writes a consistent copy of the database to FILE, also while the
// server is running and taking check-ins.
func (e env) backup(args []string) error {
	f := e.flags("backup")
	data := f.data()
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	src := filepath.Join(*data, "presente.db")
	if _, err := os.Stat(src); err != nil {
		return fmt.Errorf("no database in %s: %w", *data, err)
	}
	if err := store.Backup(e.ctx, src, pos[0]); err != nil {
		return err
	}
	st, err := os.Stat(pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backup written to %s (%d KB)\n", pos[0], (st.Size()+1023)/1024)
	return nil
}
