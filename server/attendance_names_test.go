package server

import (
	"fmt"
	"reflect"
	"testing"
)

// TestCRMExportsSplitNamesAsImported: a leader imported from a file with a
// first-name column of its own goes to Action Network and VAN with those
// given names and the rest; one imported with a full name keeps the first
// word and the rest; a leader renamed keeps the given names only while the
// new name still begins with them. The plain file keeps the whole name.
func TestCRMExportsSplitNamesAsImported(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	c := signInConsole(t, ts, f)
	db := reportDB(t, ts)
	importFile(t, c, "first_name,last_name,second_last_name,institution\r\n"+
		"María José,Núñez,,Iglesia San José\r\nJuan Pablo,Pérez,Soto,Iglesia San José\r\n"+
		"Luz Elena,Ríos,,Iglesia San José\r\n")
	importFile(t, c, "Nombre completo,Institución\r\nAna María Ruiz,Iglesia San José\r\n")
	rename := func(from, to string) {
		id := reportSQLInt(t, db, `SELECT id FROM leaders WHERE name = ?`, from)
		c.must(t, 204, "PUT", fmt.Sprintf("/api/leaders/%d", id), map[string]any{"name": to, "institution": f.Institutions["Iglesia San José"]})
	}
	rename("Juan Pablo Pérez Soto", "Pablo Pérez Soto")
	rename("Luz Elena Ríos", "Luz Elena Ríos Vega")
	w := &firstWorld{ts: ts, f: f}
	for _, name := range []string{"María José Núñez", "Ana María Ruiz"} {
		var code string
		if err := db.QueryRow(`SELECT code FROM leaders WHERE name = ?`, name).Scan(&code); err != nil {
			t.Fatal(err)
		}
		w.scan(t, f.Action, code)
	}
	a := fmt.Sprintf("/api/actions/%d/attendance.csv", f.Action)

	an := map[string][2]string{}
	for _, r := range readReportCSV(t, c.must(t, 200, "GET", a+"?format=actionnetwork", nil))[1:] {
		an[r[1]+" "+r[2]] = [2]string{r[1], r[2]}
	}
	wantAN := map[string][2]string{"María José Núñez": {"María José", "Núñez"}, "Ana María Ruiz": {"Ana", "María Ruiz"}}
	for name, want := range wantAN {
		if an[name] != want {
			t.Errorf("Action Network splits %q as %q, want %q", name, an[name], want)
		}
	}

	van := map[string][3]string{}
	for _, r := range readReportCSV(t, c.must(t, 200, "GET", a+"?format=van", nil))[1:] {
		van[r[1]+" "+r[2]] = [3]string{r[1], r[2], r[5]}
	}
	wantVAN := map[string][3]string{
		"María José Núñez":    {"María José", "Núñez", "Completed"},
		"Ana María Ruiz":      {"Ana", "María Ruiz", "Completed"},
		"Pablo Pérez Soto":    {"Pablo", "Pérez Soto", "No Show"},
		"Luz Elena Ríos Vega": {"Luz Elena", "Ríos Vega", "No Show"},
	}
	for name, want := range wantVAN {
		if van[name] != want {
			t.Errorf("VAN splits %q as %q, want %q", name, van[name], want)
		}
	}

	var plain []string
	for _, r := range readReportCSV(t, c.must(t, 200, "GET", a, nil))[1:] {
		plain = append(plain, r[2])
	}
	if want := []string{"Ana María Ruiz", "María José Núñez"}; !reflect.DeepEqual(plain, want) {
		t.Errorf("plain file names %q, want %q", plain, want)
	}
}
