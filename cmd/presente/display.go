package main

import (
	"fmt"
	"strconv"
	"time"

	"presente/server/store"
)

// The display commands: make, list and revoke the read-only tokens of an
// action's projectors. A revoked display's open screens close within
// seconds, also when the server is running.

func (e env) displayAdd(args []string) error {
	f := e.flags("display add")
	data := f.data()
	action := f.id("action", "PRESENTE_ACTION", "action id")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	return e.withStore(*data, func(st *store.Store) error {
		_, token, err := st.CreateDisplay(e.ctx, *action)
		if err == nil {
			fmt.Fprintln(e.stdout, token)
			fmt.Fprintf(e.stderr, "projector: /projector/#token=%s&action=%d\n", token, *action)
		}
		return err
	})
}

// displayList prints an action's displays: id, when made, and "live" or
// when revoked.
func (e env) displayList(args []string) error {
	f := e.flags("display list")
	data := f.data()
	action := f.id("action", "PRESENTE_ACTION", "action id")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	return e.withStore(*data, func(st *store.Store) error {
		displays, err := st.Displays(e.ctx, *action)
		for _, d := range displays {
			state := "live"
			if d.Revoked != nil {
				state = "revoked " + d.Revoked.Local().Format(time.DateTime)
			}
			fmt.Fprintf(e.stdout, "%d\t%s\t%s\n", d.ID, d.Created.Local().Format(time.DateTime), state)
		}
		return err
	})
}

// displayRevoke revokes one display of an action.
func (e env) displayRevoke(args []string) error {
	f := e.flags("display revoke")
	data := f.data()
	action := f.id("action", "PRESENTE_ACTION", "action id")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil {
		return fmt.Errorf("display id %q: not a number", pos[0])
	}
	return e.withStore(*data, func(st *store.Store) error {
		if err := st.RevokeDisplay(e.ctx, *action, id); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "display %d revoked\n", id)
		return nil
	})
}
