package server

import (
	"database/sql"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"presente/server/store"
)

// importFile previews a roster file and imports it as the preview showed.
func importFile(t *testing.T, c *console, file string) store.RosterPlan {
	t.Helper()
	plan := decodeJSON[store.RosterPlan](t, c.must(t, 200, "POST", "/api/imports/roster", []byte(file)))
	c.must(t, 200, "POST", "/api/imports/roster?confirm="+plan.Hash, []byte(file))
	return plan
}

// TestAttendanceExportFormats: each format's header, and its rows — the
// plain file lists everyone who came, without the contact of those who did
// not agree; the CRM files only those who agreed, with their CRM id, and
// VAN's marks who came and who committed and did not.
func TestAttendanceExportFormats(t *testing.T) {
	w, c := followUpWorld(t)
	importFile(t, c, "VanID,FirstName,LastName,Institución\r\n101,Líder,1 de Iglesia San José,Iglesia San José\r\n")
	a := fmt.Sprintf("/api/actions/%d/attendance.csv", w.f.Action)

	plain := readReportCSV(t, c.must(t, 200, "GET", a, nil))
	wantHead := []string{"Capítulo", "Institución", "Nombre", "Teléfono", "Correo", "Cómo", "Hora", "Puerta", "Idioma", "Primera vez"}
	if !reflect.DeepEqual(plain[0], wantHead) || len(plain) != 1+4 {
		t.Fatalf("plain: header %q and %d rows; want %q and 4 rows", plain[0], len(plain)-1, wantHead)
	}
	for _, r := range plain[1:] {
		if r[2] == "Beto Sinpermiso" && (r[3] != "" || r[4] != "") {
			t.Errorf("plain shows the contact of a walk-in who did not agree: %q", r)
		}
		if first := r[9] == "sí"; first != (r[2] == "Ana Nueva" || r[2] == "Beto Sinpermiso" || r[2] == "Líder 2 de Iglesia San José") {
			t.Errorf("plain row %q: first time %v", r, first)
		}
	}

	an := readReportCSV(t, c.must(t, 200, "GET", a+"?format=actionnetwork", nil))
	wantAN := [][]string{
		{"email", "first_name", "last_name", "phone_number", "language", "institution", "chapter", "action", "action_date", "first_time", "uuid"},
		{"ana@example.org", "Ana", "Nueva", "919-555-0101", "en", "Centro El Puente", "Durham", "Asamblea", "2026-12-12", "yes", ""},
		{"", "Líder", "1 de Iglesia San José", "", "es", "Iglesia San José", "Durham", "Asamblea", "2026-12-12", "no", ""},
		{"", "Líder", "2 de Iglesia San José", "", "es", "Iglesia San José", "Durham", "Asamblea", "2026-12-12", "yes", ""},
	}
	if !reflect.DeepEqual(an, wantAN) {
		t.Errorf("Action Network file\n got %q\nwant %q", an, wantAN)
	}

	van := readReportCSV(t, c.must(t, 200, "GET", a+"?format=van", nil))
	wantVANHead := []string{"VANID", "FirstName", "LastName", "CellPhone", "Email", "Status", "EventDate", "Institution", "Chapter"}
	if !reflect.DeepEqual(van[0], wantVANHead) {
		t.Fatalf("VAN header %q, want %q", van[0], wantVANHead)
	}
	status := map[string]int{}
	for _, r := range van[1:] {
		status[r[5]]++
		if r[1] == "Beto" || r[1]+" "+r[2] == "Líder 3 de Centro El Puente" {
			t.Errorf("VAN file lists someone who did not agree: %q", r)
		}
		if r[1]+" "+r[2] == "Líder 1 de Iglesia San José" && (r[0] != "101" || r[5] != "Completed") {
			t.Errorf("VAN row %q: want VANID 101, Completed", r)
		}
	}
	// Came: Ana and San José's two. Committed and absent: San José 3, El Puente 2 (of 3), Local 12 4.
	if want := map[string]int{"Completed": 3, "No Show": 9}; !reflect.DeepEqual(status, want) {
		t.Errorf("VAN statuses %v, want %v", status, want)
	}
	if st, body := c.do(t, "GET", a+"?format=excel", nil); st != 400 || errCode(body) != "invalid_format" {
		t.Errorf("an unknown format = %d %s, want 400 invalid_format", st, body)
	}
}

// leadersTable is every leader row as the test's own SQL reads it, to see
// that an import changed nothing.
func leadersTable(t *testing.T, db *sql.DB) []string {
	t.Helper()
	rows, err := db.Query(`SELECT id, institution_id, name, phone, email, language, code, walk_in, consent, external_id
		FROM leaders ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		v := make([]any, 10)
		p := make([]any, 10)
		for i := range v {
			p[i] = &v[i]
		}
		rows.Scan(p...)
		out = append(out, fmt.Sprint(v...))
	}
	return out
}

func planChanges(p store.RosterPlan) []string {
	var out []string
	for _, r := range p.Rows {
		out = append(out, r.Status+":"+strings.Join(r.Changes, "+"))
	}
	return out
}

// TestReimportByExternalIDChangesNothing imports the exports of VAN and
// Action Network as they come; the person ids are kept, and importing the
// same files again — or with a name the CRM spells anew — finds the same
// leaders and changes nothing.
func TestReimportByExternalIDChangesNothing(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	c := signInConsole(t, ts, f)
	db := reportDB(t, ts)
	vanFile := "VanID,FirstName,LastName,CellPhone,Email,Institución\r\n" +
		"101,Líder,1 de Iglesia San José,919-555-0111,,Iglesia San José\r\n" +
		"202,Marta,Ruiz,919-555-0222,marta@example.org,Iglesia San José\r\n"
	anFile := "uuid,first_name,last_name,email,can2_phone,zip_code,institution\r\n" +
		"8c2d1f0e-aaaa-4bbb-8ccc-0123456789ab,Pedro,Luna,pedro@example.org,919-555-0333,27701,Centro El Puente\r\n"

	first := importFile(t, c, vanFile)
	if got, want := planChanges(first), []string{"update:phone+external_id", "add:"}; !reflect.DeepEqual(got, want) {
		t.Errorf("first VAN import %q, want %q", got, want)
	}
	if got := planChanges(importFile(t, c, anFile)); !reflect.DeepEqual(got, []string{"add:"}) {
		t.Errorf("first Action Network import %q, want one add", got)
	}
	ids := reportSQLInt(t, db, `SELECT count(*) FROM leaders WHERE external_id IN
		('van:101', 'van:202', 'an:8c2d1f0e-aaaa-4bbb-8ccc-0123456789ab')`)
	if ids != 3 {
		t.Errorf("%d leaders hold the CRM ids, want 3", ids)
	}
	before := leadersTable(t, db)
	respelled := strings.Replace(vanFile, "Marta,Ruiz", "Martha,Ruiz Gómez", 1)
	for name, file := range map[string]string{"VAN": vanFile, "Action Network": anFile, "VAN respelled": respelled} {
		plan := importFile(t, c, file)
		for _, r := range plan.Rows {
			if r.Status != store.ImportSame {
				t.Errorf("%s again: line %d is %s %v, want same", name, r.Line, r.Status, r.Changes)
			}
		}
	}
	if after := leadersTable(t, db); !slices.Equal(after, before) {
		t.Errorf("importing again changed the leaders:\nbefore %q\nafter  %q", before, after)
	}
}

// TestAttendancePlainWritesWordsInItsLanguage: the plain file says how each
// person came and their language in words of the file's language — a
// badge scanned, a walk-in, a paper sheet; Spanish, English — never the
// stored codes; the CRM files keep the codes those tools read.
func TestAttendancePlainWritesWordsInItsLanguage(t *testing.T) {
	w, c := followUpWorld(t)
	c.must(t, 201, "POST", fmt.Sprintf("/api/actions/%d/paper", w.f.Action), map[string]any{"id": "paper-words-1", "code": w.centro[0]})
	a := fmt.Sprintf("/api/actions/%d/attendance.csv", w.f.Action)
	tests := []struct {
		query string
		want  map[string][2]string // name -> how, language
	}{
		{"", map[string][2]string{
			"Líder 1 de Iglesia San José": {"escaneado", "español"},
			"Ana Nueva":                   {"sin gafete", "inglés"},
			"Líder 1 de Centro El Puente": {"en papel", "español"},
		}},
		{"?lang=en", map[string][2]string{
			"Líder 1 de Iglesia San José": {"scanned", "Spanish"},
			"Ana Nueva":                   {"walk-in", "English"},
			"Líder 1 de Centro El Puente": {"paper", "Spanish"},
		}},
	}
	for _, tt := range tests {
		t.Run("lang="+tt.query, func(t *testing.T) {
			got := map[string][2]string{}
			for _, r := range readReportCSV(t, c.must(t, 200, "GET", a+tt.query, nil))[1:] {
				if _, ok := tt.want[r[2]]; ok {
					got[r[2]] = [2]string{r[5], r[8]}
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("how and language %q, want %q", got, tt.want)
			}
		})
	}
	an := readReportCSV(t, c.must(t, 200, "GET", a+"?format=actionnetwork&lang=es", nil))
	for _, r := range an[1:] {
		if r[4] != "es" && r[4] != "en" {
			t.Errorf("Action Network row %q: language %q, want the code es or en", r, r[4])
		}
	}
}
