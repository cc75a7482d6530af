package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// TestImportCommandSaysWhyNothingIsImported: "the roster already holds this
// file" only when every row is already there; when rows were refused the
// command says so instead.
func TestImportCommandSaysWhyNothingIsImported(t *testing.T) {
	ls := startLiveServer(t, 2)
	tests := []struct {
		name, csv, want, never string
	}{
		{"every row refused", "Nombre,Institución\nAna Ruiz,\n,Iglesia San José\n",
			"Nothing to import: 2 rows refused", "already holds"},
		{"some refused, the rest there", "Nombre,Institución\nLíder 0,Iglesia San José\nAna Ruiz,\n",
			"Nothing to import: 1 row refused", "already holds"},
		{"every row there", "Nombre,Institución\nLíder 0,Iglesia San José\nLíder 1,Iglesia San José\n",
			"Nothing to import: the roster already holds this file.", "refused:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "lista.csv")
			if err := os.WriteFile(file, []byte(tt.csv), 0o600); err != nil {
				t.Fatal(err)
			}
			code, out := runImport(t, ls.dir, file, "", "--yes")
			if code != 0 || !strings.Contains(out, tt.want) || strings.Contains(out, tt.never) {
				t.Errorf("exit %d, output:\n%s\nwant %q and never %q", code, out, tt.want, tt.never)
			}
		})
	}
}

// TestImportCommandNeverPrintsControlCharacters: a name holding a terminal
// escape is refused, and what the command prints of it cannot drive the
// terminal; a name of 10,000 characters is shown shortened.
func TestImportCommandNeverPrintsControlCharacters(t *testing.T) {
	ls := startLiveServer(t, 2)
	file := filepath.Join(t.TempDir(), "lista.csv")
	csv := "Nombre,Institución,Capítulo\n" +
		"\"Ana\x1b]0;pwned\a\x1b[2J Ruiz\",Iglesia San José,\n" +
		"Beto \u009b31mPaz,Iglesia San José,\n" +
		strings.Repeat("Larguísimo ", 1000) + ",Iglesia San José,\n" +
		"Carla Soto,Parroquia \x1b[5mNueva,Durham\n"
	if err := os.WriteFile(file, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out := runImport(t, ls.dir, file, "", "--yes")
	if code != 0 || !strings.Contains(out, "Refused: 4.") {
		t.Fatalf("exit %d:\n%q", code, out)
	}
	for _, r := range out {
		if unicode.IsControl(r) && r != '\n' {
			t.Fatalf("the command printed the control character %U:\n%q", r, out)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if len(line) > 300 {
			t.Errorf("a line of %d bytes: %.80q…", len(line), line)
		}
	}
	if !strings.Contains(out, "control_characters") {
		t.Errorf("no reason given for the control characters:\n%s", out)
	}
}

// TestImportCommandRefusedAtAVenue: at a node that joined a hub, the
// roster comes down from the hub; importing a file here is refused, with
// where to import it instead, and nothing is written.
func TestImportCommandRefusedAtAVenue(t *testing.T) {
	ls := startLiveServer(t, 2)
	if err := ls.srv.Store().SetSelf(t.Context(), "durham", "hub"); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "lista.csv")
	if err := os.WriteFile(file, []byte("Nombre,Institución\nAna Ruiz,Iglesia San José\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out := runImport(t, ls.dir, file, "", "--yes")
	if code == 0 || !strings.Contains(out, "edited at the network's hub") || !strings.Contains(out, "import the file at the hub") {
		t.Errorf("exit %d, output:\n%s\nwant a refusal that names the hub", code, out)
	}
}
