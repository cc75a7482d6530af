package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"time"

	"presente/server"
	"presente/server/demo"
	"presente/server/store"
)

// demoSecrets are kept in the demo's data folder so that every later
// "make run" can print them again; a real install has no such file.
type demoSecrets struct {
	Organizer string `json:"organizer"`
	Password  string `json:"password"`
	Action    int64  `json:"action"`
	Door      string `json:"door_token"`
	Display   string `json:"display_token"`
}

func (e env) demo(args []string) error {
	c, err := e.serveFlags("demo", args)
	if err != nil {
		return err
	}
	return e.start(c, func(srv *server.Server, ls listeners) error {
		secrets, err := e.demoSecrets(srv.Store(), c.data)
		if err != nil {
			return err
		}
		e.printDemo(secrets, ls)
		return nil
	})
}

// demoSecrets seeds an empty data folder, or reads what an earlier seed kept.
func (e env) demoSecrets(st *store.Store, data string) (demoSecrets, error) {
	path := filepath.Join(data, "demo.json")
	var s demoSecrets
	b, err := os.ReadFile(path)
	if err == nil {
		return s, json.Unmarshal(b, &s)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return s, err
	}
	chapters, err := st.Chapters(e.ctx)
	if err != nil {
		return s, err
	}
	if len(chapters) > 0 {
		return s, fmt.Errorf("%s already holds a network: demo seeds only an empty data folder", data)
	}
	if s, err = seedDemo(e, st); err != nil {
		return s, err
	}
	b, _ = json.MarshalIndent(s, "", "  ")
	return s, os.WriteFile(path, b, 0o600)
}

func seedDemo(e env, st *store.Store) (demoSecrets, error) {
	s := demoSecrets{Organizer: "organizer", Password: store.NewToken("demo")[5:21]}
	net, err := demo.Seed(e.ctx, st, time.Now())
	if err != nil {
		return s, err
	}
	s.Action = net.Action.ID
	if _, err = st.CreateOrganizer(e.ctx, s.Organizer, s.Password); err != nil {
		return s, err
	}
	if _, s.Door, err = st.CreateDoor(e.ctx, s.Action, "Puerta norte"); err != nil {
		return s, err
	}
	_, s.Display, err = st.CreateDisplay(e.ctx, s.Action)
	fmt.Fprintf(e.stdout, "Seeded a demo network: %d leaders, %d committed, action %d.\n",
		net.Leaders, net.Committed, s.Action)
	return s, err
}

func (e env) printDemo(s demoSecrets, ls listeners) {
	addr := ls.http.Addr().String()
	host, port, _ := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); host == "" || ip.IsUnspecified() {
		host = "localhost"
	}
	base := "http://" + net.JoinHostPort(host, port)
	phones := ls.httpsURL()
	if phones == "" {
		phones = "(HTTPS is off: phone cameras need it)"
	}
	fmt.Fprintf(e.stdout, `
Presente demo is running at %[1]s/
  Organizer:      name %[2]q, password %[3]s
  Console:        %[1]s/console/
  Projector:      %[1]s/projector/#token=%[6]s&action=%[5]d
  Live view:      %[1]s/live/?action=%[5]d
  Door phones:    %[8]s   (accept the certificate once: %[1]s/ shows how)
  Pair a phone:   %[1]s/pair/doors.html   (sign in, create a door, show its QR)
  Scanner here:   %[1]s/door/#token=%[4]s
  Door token:     %[4]s   (door "Puerta norte", action %[5]d)
  Display token:  %[6]s
  Turnout:        curl -H 'Authorization: Bearer %[6]s' %[1]s/api/actions/%[5]d/turnout
  Live (WebSocket): ws://%[7]s/api/actions/%[5]d/live?token=%[6]s
Stop with Ctrl-C.
`, base, s.Organizer, s.Password, s.Door, s.Action, s.Display, net.JoinHostPort(host, port), phones)
}
