package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"presente/cmd/presente/desktop"
	"presente/server"
)

// launch is presente with no command, what a double-click runs: serve from
// the per-user data folder (PRESENTE_DATA and --data still win), say in
// Spanish and English what is happening and how to stop it, and open the
// browser on this machine, at the first-run page until an organizer exists.
// When Presente already runs here, it only opens the browser on it.
func (e env) launch(args []string) error {
	dir, err := desktop.DataDir(e.getenv)
	if err != nil {
		return err
	}
	inUserDir := e
	inUserDir.getenv = func(k string) string {
		if v := e.getenv(k); v != "" || k != "PRESENTE_DATA" {
			return v
		}
		return dir
	}
	c, err := inUserDir.serveFlags("", args)
	if err != nil {
		return err
	}
	if base, ok := alreadyRunning(c.http); ok {
		fmt.Fprintf(e.stdout, "Presente ya está funcionando · Presente is already running: %s/\n", base)
		e.openBrowser(base + "/console/")
		return nil
	}
	return e.start(c, func(srv *server.Server, ls listeners) error {
		return e.welcome(srv, ls, c.data)
	})
}

// welcome prints where Presente listens and keeps its data, and opens the
// browser at the first-run page or the console.
func (e env) welcome(srv *server.Server, ls listeners, data string) error {
	_, setUp, err := srv.Store().Network(e.ctx)
	if err != nil {
		return err
	}
	base := localBase(ls.http.Addr())
	page := base + "/console/"
	if !setUp {
		page = base + "/setup/"
	}
	phones := ls.httpsURL()
	if phones == "" {
		phones = "(HTTPS apagado · HTTPS is off)"
	}
	fmt.Fprintf(e.stdout, welcomeText, base+"/", phones, data)
	if !setUp {
		fmt.Fprint(e.stdout, firstRunText)
	}
	fmt.Fprint(e.stdout, stopText)
	e.openBrowser(page)
	return nil
}

const welcomeText = `
Presente está funcionando · Presente is running

  En esta computadora · On this computer:  %s
  Teléfonos de puerta · Door phones:       %s
  Datos · Data folder:                     %s
`

const firstRunText = `
Primera vez: cree la cuenta de organizador en el navegador que se abre.
First run: create the organizer account in the browser that opens.
`

const stopText = `
Para detener Presente, cierre esta ventana o pulse Ctrl+C.
To stop Presente, close this window or press Ctrl+C.
`

// openBrowser opens url unless PRESENTE_OPEN says not to; when it cannot,
// the address printed above is still there to type.
func (e env) openBrowser(url string) {
	if open, err := strconv.ParseBool(e.getenv("PRESENTE_OPEN")); err == nil && !open {
		return
	}
	if err := desktop.OpenBrowser(url); err != nil {
		fmt.Fprintf(e.stderr, "No se pudo abrir el navegador · Could not open the browser (%v): open %s\n", err, url)
	}
}

// localBase is the plain-HTTP origin of addr for a browser on this machine.
func localBase(addr net.Addr) string {
	host, port, _ := net.SplitHostPort(addr.String())
	return localOrigin(host, port)
}

func localOrigin(host, port string) string {
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// alreadyRunning reports whether a Presente server answers at the plain
// HTTP address addr, and its origin: a second double-click finds the first.
func alreadyRunning(addr string) (string, bool) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "0" {
		return "", false
	}
	base := localOrigin(host, port)
	client := &http.Client{Timeout: 2 * time.Second}
	resp, err := client.Get(base + "/healthz")
	if err != nil {
		return "", false
	}
	defer resp.Body.Close()
	var h struct{ Status, Version string }
	if json.NewDecoder(resp.Body).Decode(&h) != nil || h.Status != "ok" || !strings.HasPrefix(h.Version, "presente ") {
		return "", false
	}
	return base, true
}
