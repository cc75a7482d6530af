package badges

import (
	"fmt"
	"strings"
	"time"
)

// words holds the printed text of one language.
type words struct {
	lang          string // "es" or "en"
	code          string // label over the typed code
	chapter       string
	institution   string
	noInstitution string
	badge, badges string // badge count, singular and plural
	packet        string // "packet 3 of 30", with two %d verbs
	receivedBy    string // signature line of whoever takes the packet
	months        [12]string
}

// spanish and english are the two languages badges print in.
var (
	spanish = words{
		lang: "es", code: "Código", chapter: "Capítulo", institution: "Institución",
		noInstitution: "Sin institución", badge: "gafete", badges: "gafetes",
		packet: "Paquete %d de %d", receivedBy: "Recibido por",
		months: [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio",
			"julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
	}
	english = words{
		lang: "en", code: "Code", chapter: "Chapter", institution: "Institution",
		noInstitution: "No institution", badge: "badge", badges: "badges",
		packet: "Packet %d of %d", receivedBy: "Received by",
		months: [12]string{"January", "February", "March", "April", "May", "June",
			"July", "August", "September", "October", "November", "December"},
	}
)

// language returns "en" for English ("en", "EN", "en-US") and "es" for
// anything else, Spanish being the default.
func language(tag string) string {
	t := strings.ToLower(strings.TrimSpace(tag))
	if t == "en" || strings.HasPrefix(t, "en-") || strings.HasPrefix(t, "en_") {
		return "en"
	}
	return "es"
}

// wordsFor returns the words of a language as returned by language.
func wordsFor(lang string) *words {
	if lang == "en" {
		return &english
	}
	return &spanish
}

// count returns "12 gafetes" or "1 badge".
func (w *words) count(n int) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, w.badge)
	}
	return fmt.Sprintf("%d %s", n, w.badges)
}

// date renders an ISO date as "12 de diciembre de 2026" or
// "December 12, 2026"; text that is not an ISO date is returned as is.
func (w *words) date(iso string) string {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(iso))
	if err != nil {
		return iso
	}
	month := w.months[t.Month()-1]
	if w.lang == "en" {
		return fmt.Sprintf("%s %d, %d", month, t.Day(), t.Year())
	}
	return fmt.Sprintf("%d de %s de %d", t.Day(), month, t.Year())
}

// majority returns the language most leaders of a packet read, Spanish on
// a tie.
func majority(es []entry) string {
	en := 0
	for _, e := range es {
		if language(e.Language) == "en" {
			en++
		}
	}
	if 2*en > len(es) {
		return "en"
	}
	return "es"
}
