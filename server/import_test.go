package server

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"

	"presente/server/store"
)

// messyRoster is a spreadsheet as organizers keep them: a byte order mark,
// semicolons, accents and capitals that differ from the roster, blank lines,
// a duplicate, rows with no institution or no name, a new institution in a
// new chapter, an institution named in a chapter where only its namesake in
// another chapter exists (a new one), a language nobody speaks and a formula
// for a name. want is what the preview must say of
// each line.
var messyRoster = []struct {
	line, status, reason string
}{
	{"Nombre;Apellido;Institución;Capítulo;Teléfono;Correo;Idioma", "", ""},
	{"María;López;iglesia san jose;Durham;(919) 555-0101;maria@example.org;Español", "add", ""},
	{"LÍDER 1 DE IGLESIA SAN JOSÉ;;Iglesia San José;;919-555-0199;;inglés", "update", ""},
	{"Líder 2 de Iglesia San José;;Iglesia San José;Durham;;;", "same", ""},
	{"", "", ""},
	{";;;;;;", "", ""},
	{"Maria;Lopez;Iglesia San Jose;;;;", "refused", "duplicate"},
	{"Pedro;Ramírez;;Durham;;;", "refused", "missing_institution"},
	{"Rosa;Méndez;Parroquia Santa Cruz;Chapel Hill;;;", "add", ""},
	{"Luis;Gómez;parroquia santa cruz;chapel hill;;;en", "add", ""},
	{";;Centro El Puente;;;;", "refused", "missing_name"},
	{"Ana;Díaz;Centro El Puente;Raleigh;;;", "add", ""},
	{"Juan;Soto;Sindicato Local 12;;;;klingon", "refused", "bad_language"},
	{"Nadia;Flores;Escuela Nueva;;;;", "refused", "missing_chapter"},
	{`=HYPERLINK("http://x");;Sindicato Local 12;;;;`, "add", ""},
}

func messyFile() []byte {
	var lines []string
	for _, r := range messyRoster {
		lines = append(lines, r.line)
	}
	return []byte("\uFEFF" + strings.Join(lines, "\r\n") + "\r\n")
}

// wantStatuses is line number -> status/reason for the rows the preview lists.
func wantStatuses(reimport bool) map[int]string {
	out := map[int]string{}
	for i, r := range messyRoster {
		if r.status == "" {
			continue
		}
		s := r.status
		if reimport && (s == "add" || s == "update") {
			s = "same"
		}
		out[i+1] = s + "/" + r.reason
	}
	return out
}

func planStatuses(p store.RosterPlan) map[int]string {
	out := map[int]string{}
	for _, r := range p.Rows {
		out[r.Line] = r.Status + "/" + r.Reason
	}
	return out
}

func TestConsoleImportMessyRoster(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	c := signInConsole(t, ts, f)
	before := rosterDump(t, ts)

	plan := decodeJSON[store.RosterPlan](t, c.must(t, 200, "POST", "/api/imports/roster", messyFile()))
	checkMessyPreview(t, plan)
	if got := rosterDump(t, ts); got != before {
		t.Fatalf("the preview wrote to the database")
	}

	done := decodeJSON[struct{ Result store.RosterPlan }](t,
		c.must(t, 200, "POST", "/api/imports/roster?confirm="+plan.Hash, messyFile()))
	if done.Result.Add != 5 || done.Result.Update != 1 || done.Result.Refused != 5 {
		t.Errorf("import result: %d added, %d updated, %d refused; want 5, 1, 5", done.Result.Add, done.Result.Update, done.Result.Refused)
	}
	checkImported(t, ts, f)

	after := rosterDump(t, ts)
	again := decodeJSON[store.RosterPlan](t, c.must(t, 200, "POST", "/api/imports/roster", messyFile()))
	if got, want := planStatuses(again), wantStatuses(true); !reflect.DeepEqual(got, want) {
		t.Errorf("re-import preview:\n got %v\nwant %v", got, want)
	}
	if len(again.NewChapters)+len(again.NewInstitutions) != 0 {
		t.Errorf("re-import offers to create %q %+v again", again.NewChapters, again.NewInstitutions)
	}
	c.must(t, 200, "POST", "/api/imports/roster?confirm="+again.Hash, messyFile())
	if got := rosterDump(t, ts); got != after {
		t.Errorf("re-importing the same file changed the roster:\n%s\nwas\n%s", got, after)
	}
}

// checkMessyPreview checks what the first preview of the messy file says.
func checkMessyPreview(t *testing.T, plan store.RosterPlan) {
	t.Helper()
	if got, want := planStatuses(plan), wantStatuses(false); !reflect.DeepEqual(got, want) {
		t.Errorf("preview statuses:\n got %v\nwant %v", got, want)
	}
	if plan.Encoding != "utf-8-bom" || plan.Delimiter != ";" || plan.Blank != 2 {
		t.Errorf("preview file: %q %q blank %d; want utf-8-bom ; 2", plan.Encoding, plan.Delimiter, plan.Blank)
	}
	if !reflect.DeepEqual(plan.NewChapters, []string{"Chapel Hill"}) || len(plan.NewInstitutions) != 2 ||
		plan.NewInstitutions[0].Name != "Parroquia Santa Cruz" ||
		plan.NewInstitutions[1] != (store.NewInstitution{Name: "Centro El Puente", Chapter: "Raleigh", Kind: "congregation"}) {
		t.Errorf("new chapters %q, institutions %+v; want Chapel Hill, Parroquia Santa Cruz and Raleigh's Centro El Puente",
			plan.NewChapters, plan.NewInstitutions)
	}
	for _, r := range plan.Rows {
		if r.Reason == "duplicate" && r.SameAs != 2 {
			t.Errorf("duplicate row: same_as %d, want line 2", r.SameAs)
		}
	}
}

// checkImported looks at the rows the import wrote.
func checkImported(t *testing.T, ts *testServer, f fixture) {
	t.Helper()
	leaders, _, err := ts.Store().Leaders(context.Background(), store.LeaderFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]store.LeaderInfo{}
	for _, l := range leaders {
		byName[l.Name] = l
	}
	maria, lider, rosa := byName["María López"], byName["Líder 1 de Iglesia San José"], byName["Rosa Méndez"]
	if maria.Institution.ID != f.Institutions["Iglesia San José"] || maria.Phone != "(919) 555-0101" || maria.Language != "es" {
		t.Errorf("María López = %+v", maria)
	}
	if lider.Phone != "919-555-0199" || lider.Language != "en" {
		t.Errorf("updated leader = %+v, want the new phone and English", lider)
	}
	if rosa.Chapter.Name != "Chapel Hill" || rosa.Institution.Name != "Parroquia Santa Cruz" {
		t.Errorf("Rosa Méndez = %+v, want the new institution in the new chapter", rosa)
	}
	if _, ok := byName[`=HYPERLINK("http://x")`]; !ok {
		t.Errorf("the formula-looking name was not kept as text")
	}
	snap, _ := ts.tally.Snapshot(f.Action)
	if !strings.Contains(fmt.Sprint(snap.Chapters), "Parroquia Santa Cruz") {
		t.Errorf("the live tally does not list the new institution: %+v", snap.Chapters)
	}
}

// rosterDump is every chapter, institution and leader as text.
func rosterDump(tb testing.TB, ts *testServer) string {
	tb.Helper()
	rows, err := ts.Store().ExportRoster(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	chapters, _ := ts.Store().Chapters(context.Background())
	insts, _ := ts.Store().Institutions(context.Background())
	return fmt.Sprintf("%v\n%v\n%v", chapters, insts, rows)
}

func TestConsoleImportUTF16AndStaleConfirm(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	c := signInConsole(t, ts, f)
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(
		"Name\tLast name\tInstitution\tPhone\nJuan\tSoto\tSindicato Local 12\t555-0100\n"))
	if err != nil {
		t.Fatal(err)
	}
	plan := decodeJSON[store.RosterPlan](t, c.must(t, 200, "POST", "/api/imports/roster", utf16))
	if plan.Encoding != "utf-16le" || plan.Delimiter != "\t" || plan.Add != 1 {
		t.Fatalf("UTF-16 preview: %q %q, %d to add; want utf-16le, tab, 1", plan.Encoding, plan.Delimiter, plan.Add)
	}
	// Someone adds Juan Soto by hand between preview and confirmation.
	c.must(t, 201, "POST", "/api/leaders", map[string]any{"name": "Juan Soto", "institution": f.Institutions["Sindicato Local 12"]})
	st, body := c.do(t, "POST", "/api/imports/roster?confirm="+plan.Hash, utf16)
	if st != 409 || errCode(body) != "import_changed" {
		t.Fatalf("stale confirm = %d %s, want 409 import_changed", st, body)
	}
	fresh := decodeJSON[struct{ Preview store.RosterPlan }](t, body).Preview
	if fresh.Add != 0 || fresh.Update != 1 || fresh.Rows[0].Changes[0] != "phone" {
		t.Errorf("the new preview: %d to add, %d to update %v; want 0 and 1 (phone)", fresh.Add, fresh.Update, fresh.Rows)
	}
	n, _, _ := ts.Store().Leaders(context.Background(), store.LeaderFilter{Query: "juan soto"})
	if len(n) != 1 {
		t.Errorf("%d leaders named Juan Soto, want 1: the stale import must write nothing", len(n))
	}
}

func TestConsoleImportRefusesFilesItCannotRead(t *testing.T) {
	ts := newTestServer(t)
	c := signInConsole(t, ts, ts.seed(t))
	for name, file := range map[string]string{
		"empty":             "",
		"no name column":    "Institución;Teléfono\nIglesia;555\n",
		"no institution":    "Nombre;Teléfono\nAna;555\n",
		"only blank header": "\n\n",
	} {
		st, body := c.do(t, "POST", "/api/imports/roster", []byte(file))
		if st != 400 || !strings.HasPrefix(errCode(body), "invalid_") {
			t.Errorf("%s: %d %s, want 400 invalid_...", name, st, body)
		}
	}
}

func TestConsoleCommitmentsImport(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	c := signInConsole(t, ts, f)
	path := fmt.Sprintf("/api/actions/%d/commitments/import", f.Action)
	file := []byte("\uFEFFInstitución;Capítulo;Compromiso\r\nIglesia San José;Durham;25\r\nSindicato Local 12;;6\r\nNo Existe;;3\r\n")
	plan := decodeJSON[store.CommitmentPlan](t, c.must(t, 200, "POST", path, file))
	if plan.Update != 1 || plan.Same != 1 || plan.Refused != 1 {
		t.Fatalf("commitments preview: %+v", plan)
	}
	if snap, _ := ts.tally.Snapshot(f.Action); snap.Committed != 18 {
		t.Fatalf("the preview changed the commitments: %d", snap.Committed)
	}
	c.must(t, 200, "POST", path+"?confirm="+plan.Hash, file)
	if snap, _ := ts.tally.Snapshot(f.Action); snap.Committed != 25+5+6 {
		t.Errorf("committed after the import: %d, want 36", snap.Committed)
	}
}
