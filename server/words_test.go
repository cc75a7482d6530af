package server

import (
	"io/fs"
	"strings"
	"testing"

	"presente/static"
)

// wordsOnScreens are issue 11's words as the projector, the live view and
// the console must show them (Latin American Spanish, "usted"), with the
// words they replace. "Padrón" reads as a government or electoral register.
var wordsOnScreens = []struct{ old, now string }{
	{"Padrón", "Lista de líderes"},
	{"Importar padrón", "Importar lista de líderes"},
	{"padrón", "la lista de líderes"},
	{"pulse Intro", "presione Enter"},
	{"Pulse otra vez", "Presione otra vez"},
	{"Crear enlace de pantalla", "Crear enlace para el proyector"},
	{"'Del compromiso'", "% del compromiso"},
	{"'En cola'", "'Pendientes'"},
	{"Revocada", "Sin acceso"},
	{"emparejad", "conectad"},
	{"Nadie en el padrón con ese nombre.", "No se encontró a nadie con ese nombre."},
	{"ya estaba registrado", "ya entró"},
	{"registrado.'", "entrada registrada.'"},
	{"UTF-8 o Unicode)", "UTF-8 o UTF-16 (Texto Unicode de Excel)"},
	{"Esta pantalla necesita el enlace", "Para mostrar esta pantalla hace falta el enlace que da un organizador."},
}

// TestScreensUseTheReviewedWords reads every file of the projector, the
// live view and the console, HTML and JS alike: no old word is left and
// every new one is there.
func TestScreensUseTheReviewedWords(t *testing.T) {
	var all strings.Builder
	for _, dir := range []string{"projector", "live", "console"} {
		err := fs.WalkDir(static.Files(), dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(static.Files(), path)
			for _, w := range wordsOnScreens {
				if strings.Contains(string(b), w.old) {
					t.Errorf("%s still says %q; the word is %q", path, w.old, w.now)
				}
			}
			all.Write(b)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, w := range wordsOnScreens {
		if !strings.Contains(all.String(), w.now) {
			t.Errorf("no screen says %q", w.now)
		}
	}
}
