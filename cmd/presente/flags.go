package main

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
)

// errUsage means the flag package already told the user what was wrong.
var errUsage = errors.New("usage")

// flags is a flag set whose flags fall back to PRESENTE_* variables.
type flags struct {
	*flag.FlagSet
	e env
}

func (e env) flags(name string) flags {
	fs := flag.NewFlagSet(strings.TrimSpace("presente "+name), flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return flags{fs, e}
}

// str declares a string flag whose default comes from the environment.
func (f flags) str(name, envName, def, help string) *string {
	if v := f.e.getenv(envName); v != "" {
		def = v
	}
	return f.String(name, def, help+" (env "+envName+")")
}

// list declares a flag that may be given many times, each value split at
// commas; its default comes from the environment, comma-separated, and is
// replaced by the flags given.
func (f flags) list(name, envName, help string) *[]string {
	l := &listFlag{}
	if v := f.e.getenv(envName); v != "" {
		l.Set(v)
		l.fromEnv = true
	}
	f.Var(l, name, help+" (env "+envName+", comma-separated)")
	return &l.values
}

// listFlag is the value of a list flag.
type listFlag struct {
	values  []string
	fromEnv bool
}

func (l *listFlag) String() string { return strings.Join(l.values, ",") }

func (l *listFlag) Set(v string) error {
	if l.fromEnv {
		l.values, l.fromEnv = nil, false
	}
	for _, part := range strings.Split(v, ",") {
		if part = strings.TrimSpace(part); part != "" {
			l.values = append(l.values, part)
		}
	}
	return nil
}

// id declares an integer id flag whose default comes from the environment.
func (f flags) id(name, envName, help string) *int64 {
	def, _ := strconv.ParseInt(f.e.getenv(envName), 10, 64)
	return f.Int64(name, def, help+" (env "+envName+")")
}

// num declares an integer flag whose default comes from the environment.
func (f flags) num(name, envName string, def int, help string) *int {
	if v, err := strconv.Atoi(f.e.getenv(envName)); err == nil {
		def = v
	}
	return f.Int(name, def, help+" (env "+envName+")")
}

// data declares the --data flag every command takes.
func (f flags) data() *string {
	return f.str("data", "PRESENTE_DATA", "data", "data folder")
}

// parse parses args, allowing flags before and after positional arguments,
// and checks the number of positional arguments.
func (f flags) parse(args []string, positional int) ([]string, error) {
	var pos []string
	for {
		if err := f.Parse(args); err != nil {
			return nil, errUsage
		}
		if f.NArg() == 0 {
			break
		}
		pos = append(pos, f.Arg(0))
		args = f.Args()[1:]
	}
	if len(pos) != positional {
		fmt.Fprintf(f.Output(), "%s: expected %d argument(s), got %d\n", f.Name(), positional, len(pos))
		return nil, errUsage
	}
	return pos, nil
}
