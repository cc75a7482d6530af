package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"presente/server/store"
)

// TestRosterExportOpensInExcelAndImportsBackUnchanged: the command line's
// export starts with the byte order mark the HTTP CSVs carry, so Excel reads
// its accents; its formula guard ('+1 919…) comes off when the file is
// imported again, so a round trip changes nothing.
func TestRosterExportOpensInExcelAndImportsBackUnchanged(t *testing.T) {
	ls := startLiveServer(t, 1)
	ctx := context.Background()
	insts, err := ls.srv.Store().Institutions(ctx)
	if err != nil || len(insts) != 1 {
		t.Fatalf("institutions: %v %v", insts, err)
	}
	_, err = ls.srv.Store().AddLeaders(ctx, []store.NewLeader{
		{Name: "=Ana Ruiz", Institution: insts[0].ID, Phone: "+1 919 555 0101", Email: "-ana@example.org"},
		{Name: "José Peña", Institution: insts[0].ID, Phone: "919-555-0102", Language: "en"},
	})
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCmd(t, "", "roster", "export", "--data", ls.dir)
	if code != 0 {
		t.Fatalf("roster export = %d: %s", code, errOut)
	}
	if !strings.HasPrefix(out, "\uFEFFcode,") {
		t.Errorf("roster export starts %.20q, want a byte order mark and the header", out)
	}
	if !strings.Contains(out, "'+1 919 555 0101") || !strings.Contains(out, "'=Ana Ruiz") {
		t.Errorf("roster export does not guard formulas:\n%s", out)
	}
	file := filepath.Join(t.TempDir(), "export.csv")
	if err := os.WriteFile(file, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
	code, printed := runImport(t, ls.dir, file, "", "--yes")
	if code != 0 || !strings.Contains(printed, "Unchanged: 3. Refused: 0.") ||
		!strings.Contains(printed, "Nothing to import: the roster already holds this file.") {
		t.Errorf("importing the export again: exit %d:\n%s", code, printed)
	}
	leaders, _, err := ls.srv.Store().Leaders(ctx, store.LeaderFilter{Query: "Ana Ruiz"})
	if err != nil || len(leaders) != 1 || leaders[0].Phone != "+1 919 555 0101" || leaders[0].Email != "-ana@example.org" {
		t.Errorf("after the round trip: %+v %v", leaders, err)
	}
}
