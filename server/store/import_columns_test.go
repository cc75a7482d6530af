package store

import (
	"reflect"
	"testing"
)

func TestColumnsAndPhoneKey(t *testing.T) {
	at, ignored := columns([]string{"NOMBRE", "Apellidos", "Institución", "Capítulo", "Teléfono", "Correo electrónico", "Idioma", "Notas"})
	want := map[string]int{colFirst: 0, colLast: 1, colInstitution: 2, colChapter: 3, colPhone: 4, colEmail: 5, colLanguage: 6}
	if !reflect.DeepEqual(at, want) || !reflect.DeepEqual(ignored, []string{"Notas"}) {
		t.Errorf("columns = %v, ignored %q", at, ignored)
	}
	for in, want := range map[string]string{"+1 (919) 555-0101": "9195550101", "919.555.0101": "9195550101", "555": ""} {
		if got := phoneKey(in); got != want {
			t.Errorf("phoneKey(%q) = %q, want %q", in, got, want)
		}
	}
}
