package store

import (
	"strings"
)

// Import fields a column can hold.
const (
	colFirst       = "first_name"
	colLast        = "last_name"
	colLast2       = "second_last_name"
	colFull        = "name"
	colInstitution = "institution"
	colChapter     = "chapter"
	colPhone       = "phone"
	colEmail       = "email"
	colLanguage    = "language"
	colKind        = "kind"
	colNumber      = "number"
	colVANID       = "van_id" // EveryAction/VAN's person id
	colANID        = "an_id"  // Action Network's person id
)

// crmColumnNames are the headers of the CRMs' own exports, so that their
// files import as they come: Action Network's report downloads (first_name,
// last_name, email, can2_phone, mobile_number, phone_number, uuid) and
// VAN's exports and bulk-import files (VanID, FirstName, LastName, Email,
// CellPhone, HomePhone, Phone). Each person id is kept as an external id.
var crmColumnNames = map[string]string{
	"uuid": colANID, "action network id": colANID, "actionnetwork id": colANID, "an id": colANID,
	"vanid": colVANID, "van id": colVANID, "voter file vanid": colVANID, "myc van id": colVANID,
	"mycampaign vanid": colVANID, "can2 phone": colPhone, "mobile number": colPhone, "cellphone": colPhone,
	"cell phone": colPhone, "homephone": colPhone, "home phone": colPhone, "emailaddress": colEmail,
}

// columnNames maps folded headers, in Spanish and English, to fields.
var columnNames = map[string]string{
	"nombre": colFirst, "nombres": colFirst, "primer nombre": colFirst, "name": colFirst,
	"first name": colFirst, "first": colFirst, "given name": colFirst, "firstname": colFirst,
	"nombre completo": colFull, "full name": colFull, "nombre y apellido": colFull,
	"nombre y apellidos": colFull, "lider": colFull, "leader": colFull, "persona": colFull,
	"apellido": colLast, "apellidos": colLast, "primer apellido": colLast, "last name": colLast,
	"last": colLast, "surname": colLast, "family name": colLast, "lastname": colLast,
	"segundo apellido": colLast2, "second last name": colLast2,
	"institucion": colInstitution, "institution": colInstitution, "congregacion": colInstitution,
	"congregation": colInstitution, "parroquia": colInstitution, "iglesia": colInstitution,
	"organizacion": colInstitution, "organization": colInstitution, "church": colInstitution,
	"capitulo": colChapter, "chapter": colChapter, "telefono": colPhone, "phone": colPhone,
	"celular": colPhone, "cel": colPhone, "movil": colPhone, "mobile": colPhone, "cell": colPhone,
	"tel": colPhone, "whatsapp": colPhone, "phone number": colPhone, "numero de telefono": colPhone,
	"telephone": colPhone, "correo": colEmail, "email": colEmail, "e mail": colEmail, "mail": colEmail,
	"correo electronico": colEmail, "email address": colEmail, "idioma": colLanguage,
	"language": colLanguage, "lengua": colLanguage, "lang": colLanguage, "tipo": colKind,
	"kind": colKind, "type": colKind, "tipo de institucion": colKind, "institution type": colKind,
	"compromiso": colNumber, "commitment": colNumber, "numero": colNumber, "number": colNumber,
	"cantidad": colNumber, "personas": colNumber, "people": colNumber, "committed": colNumber,
	"meta": colNumber, "goal": colNumber, "count": colNumber,
}

// columns finds which column holds each field; the first of a kind wins.
// ignored lists the headers it does not know.
func columns(header []string) (at map[string]int, ignored []string) {
	at = map[string]int{}
	for i, h := range header {
		f, ok := columnNames[Fold(h)]
		if !ok {
			f, ok = crmColumnNames[Fold(h)]
		}
		if !ok {
			if h != "" {
				ignored = append(ignored, h)
			}
			continue
		}
		if _, seen := at[f]; !seen {
			at[f] = i
		}
	}
	return at, ignored
}

// cell is the row's value for a field, or "" when the file has no such column.
func cell(row []string, at map[string]int, field string) string {
	i, ok := at[field]
	if !ok || i >= len(row) {
		return ""
	}
	return row[i]
}

// parseLanguage reads "es", "Español", "inglés", "English"...; ok is false
// for anything else. An empty cell is "" and ok.
func parseLanguage(s string) (string, bool) {
	switch Fold(s) {
	case "":
		return "", true
	case "es", "espanol", "spanish", "castellano", "sp", "esp", "spa":
		return "es", true
	case "en", "ingles", "english", "eng", "ing":
		return "en", true
	}
	return "", false
}

// parseKind reads an institution kind in Spanish or English; empty or unknown
// is "" (the default applies).
func parseKind(s string) string {
	switch Fold(s) {
	case "congregation", "congregacion", "iglesia", "church", "parroquia", "parish":
		return "congregation"
	case "community center", "community_center", "centro comunitario", "centro":
		return "community_center"
	case "union", "sindicato", "labor union":
		return "union"
	case "school", "escuela", "colegio":
		return "school"
	case "nonprofit", "non profit", "sin fines de lucro", "organizacion sin fines de lucro", "ong", "ngo":
		return "nonprofit"
	}
	return ""
}

// phoneKey is what two phone numbers must share to be the same: their last
// ten digits ("+1 (919) 555-0101" and "919.555.0101" match), or nothing when
// there are fewer than seven digits.
func phoneKey(s string) string {
	var d []byte
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			d = append(d, s[i])
		}
	}
	if len(d) < 7 {
		return ""
	}
	if len(d) > 10 {
		d = d[len(d)-10:]
	}
	return string(d)
}

// externalID is the row's CRM person id, with its system: "van:123456" or
// "an:…"; "" when the file has none.
func externalID(rec []string, at map[string]int) string {
	if id := strings.TrimSpace(cell(rec, at, colVANID)); id != "" {
		return "van:" + id
	}
	if id := strings.TrimSpace(cell(rec, at, colANID)); id != "" {
		return "an:" + id
	}
	return ""
}

func joinName(parts ...string) string {
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}
