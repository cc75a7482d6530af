package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/term"

	"presente/server/store"
)

// openStore opens the data folder's database for a shell command. It is safe
// while the server runs: SQLite's locking serializes the two writers.
func (e env) openStore(data string) (*store.Store, error) {
	path := filepath.Join(data, "presente.db")
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("no database in %s (run serve or demo first): %w", data, err)
	}
	return store.Open(e.ctx, path, store.Options{})
}

// withStore runs fn with the data folder's store open.
func (e env) withStore(data string, fn func(*store.Store) error) error {
	st, err := e.openStore(data)
	if err != nil {
		return err
	}
	defer st.Close()
	return fn(st)
}

func (e env) organizerAdd(args []string) error {
	f := e.flags("organizer add")
	data := f.data()
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	pw, err := e.readPassword()
	if err != nil {
		return err
	}
	st, err := e.openStore(*data)
	if err != nil {
		return err
	}
	defer st.Close()
	o, err := st.CreateOrganizer(e.ctx, pos[0], pw)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "organizer %q added (id %d)\n", o.Name, o.ID)
	return nil
}

// readPassword prompts without echo on a terminal, else reads one line.
func (e env) readPassword() (string, error) {
	if f, ok := e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(e.stderr, "Password (10 characters or more): ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		return string(b), err
	}
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", errors.New("no password on standard input")
	}
	return strings.TrimRight(line, "\r\n"), nil
}

func (e env) actionList(args []string) error {
	f := e.flags("action list")
	data := f.data()
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	return e.withStore(*data, func(st *store.Store) error {
		actions, err := st.Actions(e.ctx)
		for _, a := range actions {
			fmt.Fprintf(e.stdout, "%d\t%s\t%s\n", a.ID, a.Date, a.Name)
		}
		return err
	})
}

func (e env) doorAdd(args []string) error {
	f := e.flags("door add")
	data := f.data()
	action := f.id("action", "PRESENTE_ACTION", "action id")
	name := f.String("name", "", "door name, such as \"Puerta norte\"")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	return e.withStore(*data, func(st *store.Store) error {
		_, token, err := st.CreateDoor(e.ctx, *action, *name)
		if err == nil {
			fmt.Fprintln(e.stdout, token)
		}
		return err
	})
}

func (e env) rosterExport(args []string) error {
	f := e.flags("roster export")
	data := f.data()
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	return e.withStore(*data, e.writeRoster)
}

// writeRoster writes the roster as the HTTP CSVs are written: UTF-8 with a
// byte order mark so Excel reads the accents, CRLF line ends, every cell
// guarded against formulas (an import takes the guard off again).
func (e env) writeRoster(st *store.Store) error {
	rows, err := st.ExportRoster(e.ctx)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(e.stdout, "\uFEFF"); err != nil {
		return err
	}
	w := csv.NewWriter(e.stdout)
	w.UseCRLF = true
	w.Write([]string{"code", "name", "institution", "chapter", "language", "phone", "email"})
	for _, r := range rows {
		w.Write(guardAll(r.Code, r.Name, r.Institution, r.Chapter, r.Language, r.Phone, r.Email))
	}
	w.Flush()
	return w.Error()
}

func guardAll(cells ...string) []string {
	for i, c := range cells {
		cells[i] = store.GuardCell(c)
	}
	return cells
}
