package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"presente/server/store"
)

// TestPeerShareKeepsTheLink: "peer share" changes what a node that joined
// shares, keeping its link; a node never let in is refused.
func TestPeerShareKeepsTheLink(t *testing.T) {
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
	mustRun(t, "peer", "add", "durham", "--data", data, "--peers", "127.0.0.1:7422")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"durham", "--action", fmt.Sprint(a.ID)}, fmt.Sprintf(`node "durham" shares actions %d`, a.ID)},
		{[]string{"durham"}, `node "durham" shares every action`},
		{[]string{"durham", "--action", ""}, `node "durham" shares every action`},
	} {
		out := mustRun(t, append([]string{"peer", "share", "--data", data}, tc.args...)...)
		if !strings.Contains(out, tc.want) {
			t.Errorf("peer share %v = %q, want %q", tc.args, out, tc.want)
		}
	}
	if code, _, errOut := runCmd(t, "", "peer", "share", "nobody", "--data", data); code == 0 {
		t.Errorf("peer share of a node never let in = 0, want an error (%s)", errOut)
	}
	if code, _, errOut := runCmd(t, "", "peer", "share", "durham", "--action", "999", "--data", data); code == 0 {
		t.Errorf("peer share of an action that does not exist = 0, want an error (%s)", errOut)
	}
}
