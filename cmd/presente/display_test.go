package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"presente/server/store"
)

// TestDisplayListAndRevoke: the shell lists an action's displays and
// revokes one, which then no longer opens anything.
func TestDisplayListAndRevoke(t *testing.T) {
	data := t.TempDir()
	st, err := store.Open(context.Background(), filepath.Join(data, "presente.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := st.CreateAction(context.Background(), store.Action{Name: "Asamblea", Date: "2026-12-12"})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	code, token, errOut := runCmd(t, "", "display", "add", "--data", data, "--action", "1")
	if code != 0 || !strings.HasPrefix(token, "disp_") {
		t.Fatalf("display add: exit %d %q %s", code, token, errOut)
	}
	runCmd(t, "", "display", "add", "--data", data, "--action", "1")
	code, out, errOut := runCmd(t, "", "display", "list", "--data", data, "--action", "1")
	if lines := strings.Split(strings.TrimSpace(out), "\n"); code != 0 || len(lines) != 2 ||
		!strings.HasPrefix(lines[0], "1\t") || !strings.HasSuffix(lines[0], "\tlive") {
		t.Fatalf("display list: exit %d %q %s", code, out, errOut)
	}
	if code, out, errOut := runCmd(t, "", "display", "revoke", "--data", data, "--action", "1", "1"); code != 0 || out != "display 1 revoked\n" {
		t.Fatalf("display revoke: exit %d %q %s", code, out, errOut)
	}
	_, out, _ = runCmd(t, "", "display", "list", "--data", data, "--action", "1")
	if lines := strings.Split(strings.TrimSpace(out), "\n"); !strings.Contains(lines[0], "\trevoked ") || !strings.HasSuffix(lines[1], "\tlive") {
		t.Errorf("display list after revoking 1 = %q", out)
	}
	if code, _, errOut := runCmd(t, "", "display", "revoke", "--data", data, "--action", "1", "9"); code != 1 || !strings.Contains(errOut, "not found") {
		t.Errorf("revoking no such display: exit %d %s", code, errOut)
	}
	st, _ = store.Open(context.Background(), filepath.Join(data, "presente.db"), store.Options{})
	defer st.Close()
	if d, err := st.DisplayByToken(context.Background(), strings.TrimSpace(token)); err != nil || d.Revoked == nil || d.Action != a.ID {
		t.Errorf("the revoked token = %+v %v, want revoked", d, err)
	}
}

// TestDisplayRevokeReachesARunningServer: a display revoked from the shell,
// while a server holds the same file open and has just answered its token,
// is refused by that server's very next lookup.
func TestDisplayRevokeReachesARunningServer(t *testing.T) {
	data := t.TempDir()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(data, "presente.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a, err := st.CreateAction(ctx, store.Action{Name: "Asamblea", Date: "2026-12-12"})
	if err != nil {
		t.Fatal(err)
	}
	disp, token, err := st.CreateDisplay(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 { // the second answer comes from the server's token cache
		if d, err := st.DisplayByToken(ctx, token); err != nil || d.Revoked != nil {
			t.Fatalf("the display before revoking = %+v %v", d, err)
		}
	}
	if code, out, errOut := runCmd(t, "", "display", "revoke", "--data", data, "--action", fmt.Sprint(a.ID), fmt.Sprint(disp.ID)); code != 0 {
		t.Fatalf("display revoke: exit %d %q %s", code, out, errOut)
	}
	if d, err := st.DisplayByToken(ctx, token); err != nil || d.Revoked == nil {
		t.Errorf("the display after the shell revoked it = %+v %v, want revoked", d, err)
	}
}
