package server

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"presente/server/store"
)

// csvLabels are the CSV column titles, in the language the page asks for
// with ?lang= (Spanish unless "en").
var csvLabels = map[string][2]string{
	"chapter":     {"Capítulo", "Chapter"},
	"institution": {"Institución", "Institution"},
	"committed":   {"Comprometidos", "Committed"},
	"scanned":     {"Escaneados", "Scanned"},
	"paper":       {"En papel", "Paper"},
	"walk_ins":    {"Sin gafete", "Walk-ins"},
	"headcounts":  {"Conteos", "Headcounts"},
	"present":     {"Presentes", "Present"},
	"percent":     {"% del compromiso", "% of commitment"},
	"name":        {"Nombre", "Name"},
	"phone":       {"Teléfono", "Phone"},
	"email":       {"Correo", "Email"},
	"language":    {"Idioma", "Language"},
	"source":      {"Cómo", "How"},
	"time":        {"Hora", "Time"},
	"door":        {"Puerta", "Door"},
	"action":      {"Acción", "Action"},
	"date":        {"Fecha", "Date"},
	"delegation":  {"Delegación", "Delegation"},
	"total":       {"Total", "Total"},
	"credentials": {"Credenciales cerradas", "Credentials closed"},
	"first_time":  {"Primera vez", "First time"},
	"need":        {"Necesidad", "Need"},
	"yes":         {"sí", "yes"},
	// Cell values, by kind and code: how a person was checked in, and
	// their language.
	"how.scan":    {"escaneado", "scanned"},
	"how.walk_in": {"sin gafete", "walk-in"},
	"how.paper":   {"en papel", "paper"},
	"how.console": {"consola", "console"},
	"lang.es":     {"español", "Spanish"},
	"lang.en":     {"inglés", "English"},
}

type csvSheet struct {
	en   bool
	rows [][]string
}

func newSheet(c *fiber.Ctx) *csvSheet { return &csvSheet{en: c.Query("lang") == "en"} }

// label is a column title in the sheet's language.
func (s *csvSheet) label(key string) string {
	if s.en {
		return csvLabels[key][1]
	}
	return csvLabels[key][0]
}

func (s *csvSheet) header(keys ...string) {
	row := make([]string, len(keys))
	for i, k := range keys {
		row[i] = s.label(k)
	}
	s.rows = append(s.rows, row)
}

func (s *csvSheet) add(cells ...string) { s.rows = append(s.rows, cells) }

// word is a stored code (a check-in's source, a language) written in the
// sheet's language, or the code itself when the sheet has no word for it.
func (s *csvSheet) word(kind, code string) string {
	if _, ok := csvLabels[kind+"."+code]; !ok {
		return code
	}
	return s.label(kind + "." + code)
}

// yes is "sí" or "yes" in the sheet's language when b, else empty.
func (s *csvSheet) yes(b bool) string {
	if b {
		return s.label("yes")
	}
	return ""
}

// send writes the sheet as a CSV download: UTF-8 with a byte order mark so
// Excel reads the accents, every cell made safe against formula injection.
func (s *csvSheet) send(c *fiber.Ctx, filename string) error {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	width := 0
	for _, row := range s.rows {
		width = max(width, len(row))
	}
	for _, row := range s.rows {
		for i := range row {
			row[i] = store.GuardCell(row[i])
		}
		// Every row as wide as the widest, as strict CSV readers want.
		row = append(row, make([]string, width-len(row))...)
		if err := w.Write(row); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	w.Flush()
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+filename+`"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(buf.Bytes())
}

func itoa(n int) string { return strconv.Itoa(n) }

// percentCell is a percent as a bare number ("45", no sign), so that a
// spreadsheet can compute with it; the column head says "%". It is the
// store's percent, the pages' rule; empty when there was no commitment.
func percentCell(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}
