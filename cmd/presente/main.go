// Command presente is the Presente server and its administration commands.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"presente/cmd/presente/desktop"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args, os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if code != 0 && desktop.OwnWindow() {
		// A double-clicked window closes when we exit: keep the error readable.
		fmt.Fprintln(os.Stderr, "Pulse Enter para cerrar · Press Enter to close.")
		fmt.Scanln()
	}
	os.Exit(code)
}

const usage = `usage: presente [COMMAND] [flags]

commands:
  (none)                    serve from this user's data folder and open the browser
                            (what a double-click does; the first run sets up the network)
  serve                     run the server
  doctor                    check that door phones can reach this computer
  version                   print the version, commit, Go and SQLite versions
  demo                      seed a fictional network into an empty data folder, then serve
  organizer add NAME        add an organizer (password from a prompt or stdin)
  action list               list actions: id, date, name
  door add --action ID --name NAME
                            add a door and print its token
  display add --action ID   add a projector display and print its token
  display list --action ID  list an action's displays: id, made, live or revoked
  display revoke --action ID DISPLAY
                            revoke a display; its open screens close within seconds
  roster export             write the roster as CSV to stdout
  import FILE.csv           import a roster from CSV
  backup FILE               write a consistent copy of the database, also while serving
  badges --action ID -o FILE.pdf
                            print badge sheets
  peer add NAME             allow a node called NAME to join this one; prints its join link
  peer share NAME           change the actions NAME shares (--action IDS), keeping its link
  peer revoke NAME          cut the node called NAME off
  peer list                 list linked nodes: up or down since when, writes waiting each way

Every command takes --data DIR (or PRESENTE_DATA). Run "presente COMMAND -h" for its flags.
`

// env is what run needs from the process, so tests can call run directly.
type env struct {
	ctx    context.Context
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// run executes one command and returns the process exit code.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := env{ctx: ctx, getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) > 1 && (args[1] == "help" || args[1] == "-h" || args[1] == "--help") {
		fmt.Fprint(stdout, usage)
		return 0
	}
	cmd, rest := "", args[1:] // no command, or flags only: what a double-click runs
	if len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
		cmd, rest = rest[0], rest[1:]
	}
	if len(rest) > 0 && (cmd == "organizer" || cmd == "action" || cmd == "door" || cmd == "display" || cmd == "roster" || cmd == "peer") {
		cmd, rest = cmd+" "+rest[0], rest[1:]
	}
	commands := map[string]func([]string) error{
		"": e.launch, "serve": e.serve, "demo": e.demo, "version": e.version, "doctor": e.doctor,
		"organizer add": e.organizerAdd, "action list": e.actionList,
		"door add": e.doorAdd, "display add": e.displayAdd, "display list": e.displayList,
		"display revoke": e.displayRevoke, "roster export": e.rosterExport,
		"import": e.importRoster, "backup": e.backup, "badges": e.badges,
		"peer add": e.peerAdd, "peer share": e.peerShare, "peer revoke": e.peerRevoke, "peer list": e.peerList,
	}
	fn, ok := commands[cmd]
	if !ok {
		fmt.Fprintf(stderr, "presente: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if err := fn(rest); err != nil {
		if err == errUsage {
			return 2
		}
		fmt.Fprintf(stderr, "%s: %v\n", strings.TrimSpace("presente "+cmd), err)
		return 1
	}
	return 0
}
