// Command presente is the Presente server and its administration commands.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args, os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

const usage = `usage: presente COMMAND [flags]

commands:
  serve                     run the server
  demo                      seed a fictional network into an empty data folder, then serve
  organizer add NAME        add an organizer (password from a prompt or stdin)
  action list               list actions: id, date, name
  door add --action ID --name NAME
                            add a door and print its token
  display add --action ID   add a projector display and print its token
  roster export             write the roster as CSV to stdout
  import FILE.csv           import a roster from CSV
  backup FILE               write a consistent copy of the database, also while serving
  badges --action ID -o FILE.pdf
                            print badge sheets
  peer add NAME             allow a node called NAME to join this one; prints its join link
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
	if len(args) < 2 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, rest := args[1], args[2:]
	if len(rest) > 0 && (cmd == "organizer" || cmd == "action" || cmd == "door" || cmd == "display" || cmd == "roster" || cmd == "peer") {
		cmd, rest = cmd+" "+rest[0], rest[1:]
	}
	commands := map[string]func([]string) error{
		"serve": e.serve, "demo": e.demo,
		"organizer add": e.organizerAdd, "action list": e.actionList,
		"door add": e.doorAdd, "display add": e.displayAdd, "roster export": e.rosterExport,
		"import": e.importRoster, "backup": e.backup, "badges": e.badges,
		"peer add": e.peerAdd, "peer revoke": e.peerRevoke, "peer list": e.peerList,
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
		fmt.Fprintf(stderr, "presente %s: %v\n", cmd, err)
		return 1
	}
	return 0
}
