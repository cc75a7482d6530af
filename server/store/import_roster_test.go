package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// planFile previews a roster file built by the test against the world.
func planFile(tb testing.TB, w *world, file string, create bool) (Table, RosterPlan) {
	tb.Helper()
	tab, err := ReadTable([]byte(file))
	check(tb, err)
	plan, err := w.st.PlanRoster(context.Background(), tab, create)
	check(tb, err)
	return tab, plan
}

// outcomes is "status/reason" per line of a plan, a duplicate with the
// line it repeats.
func outcomes(p RosterPlan) []string {
	var out []string
	for _, r := range p.Rows {
		s := fmt.Sprintf("%d %s/%s", r.Line, r.Status, r.Reason)
		if r.SameAs > 0 {
			s += fmt.Sprintf(" of %d", r.SameAs)
		}
		out = append(out, s)
	}
	return out
}

// TestImportSameInstitutionNameInAnotherChapter: Durham has an Iglesia San
// José; a file naming one in Siler City means another congregation, which
// is offered for creation like any new institution, and a row repeating
// one of its leaders is a duplicate, whatever else the row would be.
func TestImportSameInstitutionNameInAnotherChapter(t *testing.T) {
	file := "Nombre,Institución,Capítulo\n" +
		"Rosa Díaz,Iglesia San José,Siler City\n" +
		"Rosa Díaz,iglesia san jose,Siler City\n" +
		"Juan Soto,Iglesia San José,Durham\n"
	tests := []struct {
		create bool
		want   string
	}{
		{true, "2 add/|3 refused/duplicate of 2|4 add/"},
		{false, "2 refused/institution_in_other_chapter|3 refused/duplicate of 2|4 add/"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("create=%v", tt.create), func(t *testing.T) {
			w := newWorld(t)
			tab, plan := planFile(t, w, file, tt.create)
			if got := strings.Join(outcomes(plan), "|"); got != tt.want {
				t.Errorf("preview: %s\nwant     %s", got, tt.want)
			}
			if !tt.create {
				return
			}
			if len(plan.NewInstitutions) != 1 || plan.NewInstitutions[0].Name != "Iglesia San José" ||
				plan.NewInstitutions[0].Chapter != "Siler City" || !plan.NewInstitutions[0].NewChapter {
				t.Errorf("new institutions %+v, want Iglesia San José in a new chapter Siler City", plan.NewInstitutions)
			}
			_, err := w.st.ImportRoster(context.Background(), tab, true, plan.Hash)
			check(t, err)
			insts, err := w.st.Institutions(context.Background())
			check(t, err)
			where := map[string]int{}
			for _, in := range insts {
				where[in.Name+" / "+in.Chapter.Name] = in.Leaders
			}
			if where["Iglesia San José / Siler City"] != 1 || where["Iglesia San José / Durham"] != 5 {
				t.Errorf("after the import: %v; want Rosa in Siler City's and Juan in Durham's", where)
			}
		})
	}
}

// TestImportCountsEachBlankLineOnce: a line of nothing, of spaces, of tabs
// or of empty cells is one blank line, counted once.
func TestImportCountsEachBlankLineOnce(t *testing.T) {
	w := newWorld(t)
	file := "Nombre,Institución\n\t\t\n   \n\nAna Ruiz,Iglesia San José\n , \n\t, \n"
	_, plan := planFile(t, w, file, false)
	if plan.Blank != 5 || len(plan.Rows) != 1 || plan.Rows[0].Line != 5 {
		t.Errorf("blank lines %d, rows %v; want 5 blank lines and Ana on line 5", plan.Blank, outcomes(plan))
	}
}

// TestImportRefusesControlCharacters: a cell with a terminal escape, a C1
// control or a bell is refused with its reason; the preview shows where it
// was without the character itself. Tabs and line breaks inside a name are
// only spaces.
func TestImportRefusesControlCharacters(t *testing.T) {
	w := newWorld(t)
	file := "Nombre,Institución,Capítulo,Teléfono\n" +
		"\"Ana\x1b[31m Ruiz\",Iglesia San José,,\n" +
		"Beto Paz,\"Iglesia\u009b San José\",,\n" +
		"Dora Luz,Iglesia San José,\"Durham\x1f\",\n" +
		"Eva Gil,Iglesia San José,,\"919\a555 0101\"\n" +
		"\"Carla\tSoto\nMéndez\",Iglesia San José,,\n"
	_, plan := planFile(t, w, file, false)
	want := "2 refused/control_characters|3 refused/control_characters|4 refused/control_characters|" +
		"5 refused/control_characters|6 add/"
	if got := strings.Join(outcomes(plan), "|"); got != want {
		t.Errorf("preview: %s\nwant     %s", got, want)
	}
	for _, r := range plan.Rows {
		for _, s := range []string{r.Name, r.Institution, r.Chapter, r.Phone, r.Email} {
			if i := strings.IndexFunc(s, unicode.IsControl); i >= 0 {
				t.Errorf("line %d shows %q with a control character", r.Line, s)
			}
		}
	}
	if got := plan.Rows[4].Name; got != "Carla Soto Méndez" {
		t.Errorf("a name with a tab and a line break reads %q, want Carla Soto Méndez", got)
	}
}

// TestImportRefusesAnEmailThatCannotBeOne: a typo in an email (two @, no
// @, a space, a display name) refuses its row with a reason, as a bad
// language does; an empty or plain one is taken.
func TestImportRefusesAnEmailThatCannotBeOne(t *testing.T) {
	w := newWorld(t)
	file := "Nombre,Institución,Correo\n" +
		"Ana Ruiz,Iglesia San José,ana@ejemplo.org\n" +
		"Beto Paz,Iglesia San José,carla@@ejemplo\n" +
		"Dora Luz,Iglesia San José,not-an-email\n" +
		"Eva Gil,Iglesia San José,eva gil@ejemplo.org\n" +
		"Flor Día,Iglesia San José,Flor <flor@ejemplo.org>\n" +
		"Gabi Sol,Iglesia San José,\n"
	_, plan := planFile(t, w, file, false)
	want := "2 add/|3 refused/bad_email|4 refused/bad_email|5 refused/bad_email|6 refused/bad_email|7 add/"
	if got := strings.Join(outcomes(plan), "|"); got != want {
		t.Errorf("preview: %s\nwant     %s", got, want)
	}
}

// TestImportShortensWhatItShowsOfATooLongName: a 10,000-character name is
// refused, and the preview shows the start of it, not all of it.
func TestImportShortensWhatItShowsOfATooLongName(t *testing.T) {
	w := newWorld(t)
	long := strings.Repeat("Ñandú ", 2000)
	_, plan := planFile(t, w, "Nombre,Institución\n"+long+",Iglesia San José\nAna Ruiz,"+long+"\n", false)
	want := "2 refused/too_long|3 refused/too_long"
	if got := strings.Join(outcomes(plan), "|"); got != want {
		t.Errorf("preview: %s, want %s", got, want)
	}
	for _, r := range plan.Rows {
		for _, s := range []string{r.Name, r.Institution} {
			if n := utf8.RuneCountInString(s); n > 100 {
				t.Errorf("line %d shows %d characters of a refused name, want at most 100", r.Line, n)
			}
		}
	}
	if !strings.HasPrefix(plan.Rows[0].Name, "Ñandú Ñandú") || !strings.HasSuffix(plan.Rows[0].Name, "…") {
		t.Errorf("the shortened name reads %.60q, want its start and an ellipsis", plan.Rows[0].Name)
	}
	if b, _ := json.Marshal(plan); len(b) > 4000 {
		t.Errorf("the preview of two rows is %d bytes", len(b))
	}
}

// TestImportStripsTheFormulaGuard: a cell an export guarded against
// spreadsheet formulas ('+1 919…) reads as it was before the guard; an
// apostrophe that guards nothing is part of the name.
func TestImportStripsTheFormulaGuard(t *testing.T) {
	file := "Nombre,Institución,Teléfono\n" +
		"'=Ana Ruiz,Iglesia San José,'+1 919 555 0101\n" +
		"'-Beto Paz,'@Iglesia San José,'-\n" +
		"'Ohana Kealoha,Iglesia San José,\n" +
		"Dana O'Brien,Iglesia San José,\n"
	tab, err := ReadTable([]byte(file))
	check(t, err)
	want := [][]string{
		{"=Ana Ruiz", "Iglesia San José", "+1 919 555 0101"},
		{"-Beto Paz", "@Iglesia San José", "-"},
		{"'Ohana Kealoha", "Iglesia San José", ""},
		{"Dana O'Brien", "Iglesia San José", ""},
	}
	if got := fmt.Sprint(tab.Rows); got != fmt.Sprint(want) {
		t.Errorf("rows %q\nwant %q", tab.Rows, want)
	}
}

// importRoster previews a roster file and imports it as the preview showed.
func importRoster(tb testing.TB, w *world, file string) {
	tb.Helper()
	tab, plan := planFile(tb, w, file, false)
	_, err := w.st.ImportRoster(context.Background(), tab, false, plan.Hash)
	check(tb, err)
}

// givenName is the given name stored for the leader named name.
func givenName(tb testing.TB, st *Store, name string) string {
	tb.Helper()
	var given string
	check(tb, st.read.QueryRow(`SELECT given_name FROM leaders WHERE name = ?`, name).Scan(&given))
	return given
}

// TestImportKeepsGivenNames: a leader's given names are kept when the file
// had them in a column of their own, apart from the last names; not when
// the file had one column for the whole name, nor when a row's last names
// are empty.
func TestImportKeepsGivenNames(t *testing.T) {
	tests := []struct {
		name, file, leader, want string
	}{
		{"first and last", "first_name,last_name,institution\nMaría José,Núñez,Iglesia San José\n",
			"María José Núñez", "María José"},
		{"two last names", "Nombre,Apellido,Segundo apellido,Institución\n María  José ,Núñez,García,Iglesia San José\n",
			"María José Núñez García", "María José"},
		{"VAN's headers", "VanID,FirstName,LastName,Institución\n101,Juan Pablo,Pérez Soto,Iglesia San José\n",
			"Juan Pablo Pérez Soto", "Juan Pablo"},
		{"only a second last name", "Nombre,Segundo apellido,Institución\nLuz Elena,Ríos,Iglesia San José\n",
			"Luz Elena Ríos", "Luz Elena"},
		{"full name column", "Nombre completo,Institución\nMaría José Núñez,Iglesia San José\n", "María José Núñez", ""},
		{"one name column", "Name,Institution\nMaría José Núñez,Iglesia San José\n", "María José Núñez", ""},
		{"full name wins", "Nombre,Apellido,Nombre completo,Institución\nMaría,José Núñez,María José Núñez,Iglesia San José\n",
			"María José Núñez", ""},
		{"no last name in the row", "first_name,last_name,institution\nMaría José Núñez,,Iglesia San José\n",
			"María José Núñez", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t)
			importRoster(t, w, tt.file)
			if got := givenName(t, w.st, tt.leader); got != tt.want {
				t.Errorf("given name of %q = %q, want %q", tt.leader, got, tt.want)
			}
		})
	}
}
