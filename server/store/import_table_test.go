package store

import (
	"bytes"
	"reflect"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func utf16le(tb testing.TB, s string) []byte {
	tb.Helper()
	b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestReadTableEncodingsAndSeparators(t *testing.T) {
	const text = "Nombre;Institución\r\nJosé Pérez;Iglesia San José\r\n\r\n;;\r\nAna;\"Centro; El Puente\"\r\n"
	cp1252, _ := charmap.Windows1252.NewEncoder().Bytes([]byte(text))
	tabbed := bytes.ReplaceAll([]byte(text), []byte(";"), []byte("\t"))
	tabbed = bytes.ReplaceAll(tabbed, []byte("Centro\t El"), []byte("Centro; El"))
	want := [][]string{{"José Pérez", "Iglesia San José"}, {"Ana", "Centro; El Puente"}}
	tests := []struct {
		name, enc, delim string
		data             []byte
	}{
		{"utf-8", "utf-8", ";", []byte(text)},
		{"utf-8 with BOM", "utf-8-bom", ";", append([]byte{0xEF, 0xBB, 0xBF}, text...)},
		{"utf-16 with BOM", "utf-16le", ";", utf16le(t, text)},
		{"windows-1252", "windows-1252", ";", cp1252},
		{"excel sep line", "utf-8", ",", []byte("sep=,\nNombre,Institución\nJosé Pérez,Iglesia San José\nAna,\"Centro; El Puente\"\n")},
		{"tabs", "utf-8", "\t", tabbed},
		{"old mac line ends", "utf-8", ";", bytes.ReplaceAll([]byte(text), []byte("\r\n"), []byte("\r"))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tab, err := ReadTable(tc.data)
			if err != nil {
				t.Fatalf("ReadTable: %v", err)
			}
			if tab.Encoding != tc.enc || tab.Delimiter != tc.delim {
				t.Errorf("encoding, delimiter = %q, %q; want %q, %q", tab.Encoding, tab.Delimiter, tc.enc, tc.delim)
			}
			if got := tab.Header; !reflect.DeepEqual(got, []string{"Nombre", "Institución"}) {
				t.Errorf("header = %q", got)
			}
			if !reflect.DeepEqual(tab.Rows, want) {
				t.Errorf("rows = %q, want %q", tab.Rows, want)
			}
		})
	}
}

func TestReadTableRefusesWhatIsNotText(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty":      []byte("\n\n ;; \n"),
		"binary":     {0x89, 'P', 'N', 'G', 0, 0, 0, 0x0d, 0, 1},
		"nul inside": []byte("Nombre,Institución\nA\x00B,C\n"),
	} {
		if _, err := ReadTable(data); err == nil {
			t.Errorf("%s: ReadTable succeeded, want an error", name)
		}
	}
}
