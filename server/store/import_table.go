package store

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// MaxImportRows bounds one import file.
const MaxImportRows = 50_000

// Table is a spreadsheet saved as CSV, read for an import: its header and
// its data rows, each with the line it starts on in the file.
type Table struct {
	Encoding  string `json:"encoding"`  // utf-8, utf-8-bom, utf-16le, utf-16be or windows-1252
	Delimiter string `json:"delimiter"` // "," ";" or "\t"
	Header    []string
	Rows      [][]string
	Lines     []int
	Blank     int // lines with no value at all, skipped
}

// ReadTable reads the CSV that spreadsheets save: UTF-8 with or without a
// byte order mark, UTF-16 with one (Excel's "Unicode text"), or Windows-1252
// (Excel's plain "CSV" on Windows); fields separated by commas, semicolons or
// tabs, whichever the first line uses most. Rows with no value are skipped.
func ReadTable(data []byte) (Table, error) {
	text, enc, err := decodeText(data)
	if err != nil {
		return Table{}, err
	}
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	t := Table{Encoding: enc}
	text, t.Delimiter = sniffDelimiter(text)
	t.Blank = emptyLines(text)
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = rune(t.Delimiter[0])
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	return t, t.readRows(r)
}

func (t *Table) readRows(r *csv.Reader) error {
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return invalid("file", fmt.Sprintf("not readable as CSV: %v", err))
		}
		line, _ := r.FieldPos(0)
		if blankRecord(rec) {
			t.Blank++
			continue
		}
		if t.Header == nil {
			t.Header = trimAll(rec)
			continue
		}
		if len(t.Rows) >= MaxImportRows {
			return invalid("file", fmt.Sprintf("more than %d rows", MaxImportRows))
		}
		t.Rows, t.Lines = append(t.Rows, trimAll(rec)), append(t.Lines, line)
	}
	if t.Header == nil {
		return invalid("file", "empty")
	}
	return nil
}

// decodeText turns the file's bytes into text, naming the encoding found.
func decodeText(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return string(data[3:]), "utf-8-bom", validText(data[3:])
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), data, "utf-16le")
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), data, "utf-16be")
	case len(data) > 1 && data[1] == 0 && data[0] != 0:
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), data, "utf-16le")
	case len(data) > 1 && data[0] == 0 && data[1] != 0:
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), data, "utf-16be")
	case utf8.Valid(data):
		return string(data), "utf-8", validText(data)
	}
	return decodeWith(charmap.Windows1252, data, "windows-1252")
}

func decodeWith(enc encoding.Encoding, data []byte, name string) (string, string, error) {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", name, invalid("file", "not readable as "+name)
	}
	return string(out), name, validText(out)
}

func validText(b []byte) error {
	if bytes.IndexByte(b, 0) >= 0 {
		return invalid("file", "not a text file")
	}
	return nil
}

// sniffDelimiter honours Excel's "sep=;" first line, else picks the
// separator the first non-empty line uses most, outside quotes.
func sniffDelimiter(text string) (string, string) {
	first, rest, _ := strings.Cut(strings.TrimLeft(text, "\n"), "\n")
	if f := strings.TrimSpace(first); len(f) == 5 && strings.EqualFold(f[:4], "sep=") {
		return rest, f[4:]
	}
	counts := map[rune]int{}
	quoted := false
	for _, r := range first {
		switch {
		case r == '"':
			quoted = !quoted
		case !quoted && (r == ',' || r == ';' || r == '\t'):
			counts[r]++
		}
	}
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return text, string(best)
}

// emptyLines counts the lines with nothing at all on them, outside quoted
// cells, which the CSV reader skips without a word. A line of spaces, tabs
// or empty cells is a record the reader returns: readRows counts it, once.
func emptyLines(text string) int {
	n, quoted := 0, false
	for _, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if line == "" && !quoted {
			n++
		}
		if strings.Count(line, `"`)%2 == 1 {
			quoted = !quoted
		}
	}
	return n
}

func blankRecord(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// trimAll cleans a record's cells: the formula guard of an export taken
// off, line breaks made spaces, spaces around trimmed.
func trimAll(rec []string) []string {
	out := make([]string, len(rec))
	for i, f := range rec {
		out[i] = strings.TrimSpace(strings.ReplaceAll(unguardCell(strings.TrimSpace(f)), "\n", " "))
	}
	return out
}
