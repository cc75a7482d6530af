package server

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"
)

type consoleRoute struct{ method, path string }

// consoleRouteList reads routes_console.go itself, so a route added there is
// covered here without anyone remembering to list it.
func consoleRouteList(t *testing.T, f fixture) []consoleRoute {
	t.Helper()
	file, err := parser.ParseFile(token.NewFileSet(), "routes_console.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	prefix := map[string]string{"api": "/api", "action": fmt.Sprintf("/api/actions/%d", f.Action)}
	var out []consoleRoute
	ast.Inspect(file, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) < 2 {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		group, isIdent := sel.X.(*ast.Ident)
		lit, isLit := call.Args[0].(*ast.BasicLit)
		if !ok || !isIdent || !isLit || prefix[group.Name] == "" {
			return true
		}
		path, _ := strconv.Unquote(lit.Value)
		path = strings.NewReplacer(":action", strconv.FormatInt(f.Action, 10), ":id", "1").Replace(path)
		out = append(out, consoleRoute{strings.ToUpper(sel.Sel.Name), prefix[group.Name] + path})
		return true
	})
	if len(out) < 25 {
		t.Fatalf("found only %d console routes in routes_console.go", len(out))
	}
	return out
}

// TestConsoleRoutesAreForOrganizersOnly: a door or display token gets 403 on
// every console route, no credential gets 401, and a signed-in organizer's
// cookie without the CSRF header gets 403 on every route that changes
// something.
func TestConsoleRoutesAreForOrganizersOnly(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	c := signInConsole(t, ts, f)
	body := map[string]any{"name": "x", "confirm": true}
	for _, r := range consoleRouteList(t, f) {
		t.Run(r.method+" "+r.path, func(t *testing.T) {
			for _, who := range []struct{ name, token string }{{"door", f.Door}, {"display", f.Display}} {
				if st, out := ts.call(t, r.method, r.path, who.token, body); st != 403 {
					t.Errorf("%s token: %d %s, want 403", who.name, st, out)
				}
			}
			if st, out := ts.call(t, r.method, r.path, "", body); st != 401 {
				t.Errorf("no credential: %d %s, want 401", st, out)
			}
			if r.method == "GET" {
				return
			}
			if st, out := c.send(t, r.method, r.path, body, false); st != 403 || errCode(out) != "csrf" {
				t.Errorf("cookie without CSRF header: %d %s, want 403 csrf", st, out)
			}
		})
	}
}

// TestConsoleNamesNeedASession: reports with names are refused to everyone
// but organizers, and never cached.
func TestConsoleNamesNeedASession(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	c := signInConsole(t, ts, f)
	path := fmt.Sprintf("/api/actions/%d/followup", f.Action)
	req := c.ts.URL + path
	resp, err := c.client.Get(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("follow-up for an organizer: %d, Cache-Control %q; want 200 no-store", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
	c.must(t, 204, "DELETE", "/api/session", nil)
	if st, _ := c.do(t, "GET", path, nil); st != 401 {
		t.Errorf("follow-up after signing out: %d, want 401", st)
	}
}
