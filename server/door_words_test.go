package server

import (
	"io/fs"
	"strings"
	"testing"

	"presente/static"
)

// doorPages are the files of the scanner, the pairing pages and the landing
// page: what a door volunteer reads.
func doorPages(tb testing.TB) map[string]string {
	tb.Helper()
	files := static.Files()
	out := map[string]string{}
	for _, root := range []string{"door", "pair", "shared"} {
		fs.WalkDir(files, root, func(name string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(name, ".js") || strings.HasSuffix(name, ".html")) {
				b, _ := fs.ReadFile(files, name)
				out[name] = string(b)
			}
			return err
		})
	}
	b, err := fs.ReadFile(files, "index.html")
	if err != nil {
		tb.Fatalf("landing page: %v", err)
	}
	out["index.html"] = string(b)
	return out
}

// TestDoorWords: the words a native Latin American Spanish speaker found
// wrong, unclear or hurtful on the door's pages are gone from every file
// that could show them, HTML and JavaScript alike.
func TestDoorWords(t *testing.T) {
	old := []string{
		"'Registrado'", "Registrado como nuevo", "Ya registrado", "Deshecho", "Deshacer", "Último:",
		"nada todavía", "Gafete desconocido", "regístrelo como nuevo", "Teclear", "sin enviar", "Sin enviar",
		"En cola", "Nadie con ese nombre", "Permiso de cámara negado", "no pudo arrancar", "mpareja",
		"Revocar", "revocada", "Revocada", "Listo<", "'Listo'", "abran ", "pulse Intro", "Padrón",
		"Sin conexión con el servidor", "Checked in as new", "'Undone'", "'Type'",
	}
	for name, text := range doorPages(t) {
		for _, w := range old {
			if strings.Contains(text, w) {
				t.Errorf("%s still says %q", name, w)
			}
		}
	}
}
