package store

import (
	"context"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestPragmasOnEveryConnection(t *testing.T) {
	st, _ := openTest(t)
	ctx := context.Background()
	// Hold several read connections at once so the pool opens new ones.
	var conns []interface{ Close() error }
	for range 3 {
		c, err := st.read.Conn(ctx)
		check(t, err)
		conns = append(conns, c)
		var mode string
		var sync, fk int
		check(t, c.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode))
		check(t, c.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&sync))
		check(t, c.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk))
		if mode != "wal" || sync != 2 || fk != 1 {
			t.Errorf("connection pragmas: journal_mode %q synchronous %d foreign_keys %d; want wal 2 (FULL) 1", mode, sync, fk)
		}
	}
	for _, c := range conns {
		c.Close()
	}
	var sync int
	check(t, st.writeDB.QueryRow(`PRAGMA synchronous`).Scan(&sync))
	if sync != 2 {
		t.Errorf("writer synchronous = %d, want 2 (FULL)", sync)
	}
}

// TestOpenKeepsFilesPrivate: under a data folder others may read (755),
// with the usual umask, the database and its WAL and shared-memory files
// are readable by their owner only, whether Open made them or found them.
func TestOpenKeepsFilesPrivate(t *testing.T) {
	defer syscall.Umask(syscall.Umask(0o022))
	dir := filepath.Join(t.TempDir(), "data")
	check(t, os.Mkdir(dir, 0o755))
	path := filepath.Join(dir, "presente.db")
	st, err := Open(context.Background(), path, Options{})
	check(t, err)
	_, err = st.CreateChapter(context.Background(), "Durham")
	check(t, err)
	wantPrivate(t, path, "made")
	st.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		os.WriteFile(p, nil, 0o644) // leaves an existing file's content, creates a missing one
		os.Chmod(p, 0o644)
	}
	st, err = Open(context.Background(), path, Options{})
	check(t, err)
	defer st.Close()
	wantPrivate(t, path, "found")
}

func wantPrivate(t *testing.T, path, how string) {
	t.Helper()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(p), err)
			continue
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s %s: mode %v, want 0600", how, filepath.Base(p), fi.Mode().Perm())
		}
	}
}

// sqlSinks are the calls that run SQL, with the index of their SQL argument.
var sqlSinks = map[string]int{"Exec": 0, "Query": 0, "QueryRow": 0, "Prepare": 0,
	"ExecContext": 1, "QueryContext": 1, "QueryRowContext": 1, "PrepareContext": 1, "eachRow": 2}

// spliced are the statements, by function and SQL expression, that join in
// a table or column name chosen in code from a fixed set, never from
// input. Each was read; a new one must be read too before it is added.
var spliced = map[string]string{
	"deleteUnused: uses": "a constant count query passed by DeleteChapter and DeleteInstitution",
	"deleteUnused: `DELETE FROM ` + table + ` WHERE id = ?`":            "chapters or institutions",
	"updateImported: `UPDATE leaders SET ` + col + ` = ? WHERE id = ?`": "one of four columns named in the switch above",
	"FollowUp: query":              "one of three constant queries (followUpMissing, followUpFirst, followUpWalkIns) from a map literal",
	"applyMigration: string(body)": "an embedded migration file",
	"dataVersion: nil":             "no SQL: the (no) arguments of the statement PRAGMA data_version, prepared through the driver",
	"undo: `UPDATE ` + table + ` SET undone_at = ?, undone_by = ? WHERE client_id = ?`":                                                                              "checkins or headcounts",
	"undoTarget: `SELECT institution_id, coalesce(door_id, 0), ` + cols + `, coalesce(undone_at, '')\n\t\tFROM ` + table + ` WHERE client_id = ? AND action_id = ?`": "fixed columns of checkins or of headcounts, and that table's name",
}

// noImports lets the type checker evaluate the store's own constants
// without loading any package it imports.
type noImports struct{}

func (noImports) Import(path string) (*types.Package, error) { return nil, errors.New("not loaded") }

// TestSQLIsBoundEverywhere reads the store's source: every statement it runs
// is a constant (literals and constants joined), so every value reaches
// SQLite as a bound parameter. A table or column name may be added only
// through quoteIdent or as a reviewed splice; a helper that takes SQL
// (eachRow) may pass its own query parameter on, and is itself checked
// where it is called.
func TestSQLIsBoundEverywhere(t *testing.T) {
	fset := token.NewFileSet()
	paths, _ := filepath.Glob("*.go")
	var files []*ast.File
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		check(t, err)
		files = append(files, f)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}}
	conf := types.Config{Importer: noImports{}, Error: func(error) {}}
	conf.Check("store", fset, files, info)
	sinks := 0
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			fn, ok := n.(*ast.FuncDecl)
			if !ok {
				return true
			}
			ast.Inspect(fn, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				if i, ok := sqlSinks[calledName(call)]; ok && i < len(call.Args) {
					sinks++
					sql := types.ExprString(call.Args[i])
					if _, ok := spliced[fn.Name.Name+": "+sql]; !ok && !boundSQL(call.Args[i], info, fn) {
						t.Errorf("%s: SQL built from something that is not a constant: %s",
							fset.Position(call.Pos()), types.ExprString(call.Args[i]))
					}
				}
				return true
			})
			return false
		})
	}
	if sinks < 50 {
		t.Errorf("found only %d statements; the check is not reading the store", sinks)
	}
}

func calledName(call *ast.CallExpr) string {
	switch f := call.Fun.(type) {
	case *ast.SelectorExpr:
		return f.Sel.Name
	case *ast.Ident:
		return f.Name
	}
	return ""
}

// boundSQL: a constant, a join of constants and quoteIdent calls, or the
// query parameter of a helper that is itself a sink.
func boundSQL(e ast.Expr, info *types.Info, fn *ast.FuncDecl) bool {
	if tv, ok := info.Types[e]; ok && tv.Value != nil {
		return true
	}
	switch x := e.(type) {
	case *ast.ParenExpr:
		return boundSQL(x.X, info, fn)
	case *ast.BinaryExpr:
		return x.Op == token.ADD && boundSQL(x.X, info, fn) && boundSQL(x.Y, info, fn)
	case *ast.CallExpr:
		return calledName(x) == "quoteIdent"
	case *ast.Ident:
		_, sink := sqlSinks[fn.Name.Name]
		return sink && x.Name == "query"
	}
	return false
}
