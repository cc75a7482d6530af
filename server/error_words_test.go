package server

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestEveryErrorCodeHasWords: each code the server may answer with
// (every errorf in its source) has a Spanish and an English text in the
// browser's tables, so a person never reads "Algo salió mal" where the
// server said what went wrong.
func TestEveryErrorCodeHasWords(t *testing.T) {
	codes := errorCodes(t)
	if len(codes) < 30 {
		t.Fatalf("found %d error codes in the source, want the whole table: %v", len(codes), codes)
	}
	var js strings.Builder
	err := filepath.WalkDir(filepath.Join("..", "static", "www"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".js") || strings.Contains(path, "vendor") {
			return err
		}
		b, err := os.ReadFile(path)
		js.Write(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range codes {
		if n := strings.Count(js.String(), "'error."+code+"':"); n < 2 {
			t.Errorf("error code %q has %d texts in the pages, want Spanish and English", code, n)
		}
	}
}

// errorCodes reads the codes of every errorf(status, "code", ...) in the
// server's own source.
func errorCodes(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var codes []string
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) < 2 {
				return true
			}
			if fn, ok := call.Fun.(*ast.Ident); !ok || fn.Name != "errorf" {
				return true
			}
			lit, ok := call.Args[1].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			code, _ := strconv.Unquote(lit.Value)
			if !seen[code] {
				seen[code] = true
				codes = append(codes, code)
			}
			return true
		})
	}
	return codes
}
