package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"presente/server/store"
)

func runImport(t *testing.T, dir, file, stdin string, extra ...string) (int, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	args := append([]string{"presente", "import", file, "--data", dir}, extra...)
	code := run(context.Background(), args, func(string) string { return "" }, strings.NewReader(stdin), &out, &errOut)
	return code, out.String() + errOut.String()
}

// TestImportCommandPreviewsThenAsks: the command prints what it will do,
// writes nothing unless told yes, and a second run finds nothing to do.
func TestImportCommandPreviewsThenAsks(t *testing.T) {
	ls := startLiveServer(t, 2)
	file := filepath.Join(t.TempDir(), "padron.csv")
	csv := "\uFEFFNombre;Apellidos;Institución;Capítulo;Teléfono\r\n" +
		"Ana;Ruiz;Iglesia San José;;919-555-0101\r\n" +
		"Beto;Paz;Parroquia Nueva;Durham;\r\n" +
		"Ana;Ruiz;iglesia san jose;;\r\n" +
		"Sin;Institución;;;\r\n"
	if err := os.WriteFile(file, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	count := func() int { return leaderCount(t, ls) }
	code, out := runImport(t, ls.dir, file, "n\n")
	for _, want := range []string{"new institution  Parroquia Nueva", "line 2     add", "line 4     REFUSED  Ana Ruiz — duplicate (same as line 2)",
		"missing_institution", "To add: 2. To update: 0. Unchanged: 0. Refused: 2.", "Cancelled: nothing was written."} {
		if code != 0 || !strings.Contains(out, want) {
			t.Fatalf("import answered no: exit %d, output lacks %q:\n%s", code, want, out)
		}
	}
	if n := count(); n != 2 {
		t.Fatalf("%d leaders after answering no, want the 2 seeded", n)
	}
	if code, out = runImport(t, ls.dir, file, "sí\n"); code != 0 || !strings.Contains(out, "Imported: 2 added") {
		t.Fatalf("import answered yes: exit %d:\n%s", code, out)
	}
	if n := count(); n != 4 {
		t.Fatalf("%d leaders after the import, want 4", n)
	}
	if code, out = runImport(t, ls.dir, file, "", "--yes"); code != 0 || !strings.Contains(out, "Nothing to import") {
		t.Fatalf("re-import: exit %d:\n%s", code, out)
	}
	if code, out = runImport(t, ls.dir, filepath.Join(ls.dir, "missing.csv"), ""); code == 0 {
		t.Errorf("import of a missing file exited 0:\n%s", out)
	}
}

func leaderCount(t *testing.T, ls *liveServer) int {
	t.Helper()
	l, _, err := ls.srv.Store().Leaders(context.Background(), store.LeaderFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return len(l)
}
