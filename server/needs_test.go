package server

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"presente/server/store"
)

// TestNeedsCountedAtTheDoor: an organizer names the needs; a door adds to
// them, once per client id; the totals reach the door, the organizers and
// the report.
func TestNeedsCountedAtTheDoor(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	c := signInConsole(t, ts, f)
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	c.must(t, 200, "PUT", a+"/needs", map[string]any{"names": []string{"Audífonos de interpretación", "Cuidado de niños"}})
	st, body := c.do(t, "PUT", a+"/needs", map[string]any{"names": []string{"a", "b", "c", "d", "e"}})
	if st != 400 || errCode(body) != "invalid_needs" {
		t.Errorf("five needs = %d %s, want 400 invalid_needs", st, body)
	}
	count := func(id string, position, n, want int) []byte {
		t.Helper()
		return callWant(t, ts, want, "POST", a+"/needs/counts", f.Door, map[string]any{"id": id, "position": position, "count": n})
	}
	first := count("need-0001", 1, 1, 201)
	if again := count("need-0001", 1, 1, 201); !strings.Contains(string(again), `"replayed":true`) ||
		strings.Replace(string(again), `,"replayed":true`, "", 1) != string(first) {
		t.Errorf("replay answered %s, want the first answer %s again", again, first)
	}
	count("need-0002", 2, 3, 201)
	count("need-0003", 1, 2, 201)
	if _, body := ts.call(t, "POST", a+"/needs/counts", f.Door, map[string]any{"id": "need-0004", "position": 3, "count": 1}); errCode(body) != "invalid_need" {
		t.Errorf("a third need nobody named: %s, want invalid_need", body)
	}
	want := []store.Need{{Position: 1, Name: "Audífonos de interpretación", Total: 3}, {Position: 2, Name: "Cuidado de niños", Total: 3}}
	door := decodeJSON[struct{ Needs []store.Need }](t, callWant(t, ts, 200, "GET", a+"/needs", f.Door, nil)).Needs
	rep := decodeJSON[struct{ Needs []store.Need }](t, c.must(t, 200, "GET", a+"/report", nil)).Needs
	if !reflect.DeepEqual(door, want) || !reflect.DeepEqual(rep, want) {
		t.Errorf("needs at the door %+v, in the report %+v; want %+v", door, rep, want)
	}
	csv := readReportCSV(t, c.must(t, 200, "GET", a+"/report.csv", nil))
	var tail [][]string
	for _, r := range csv[len(csv)-3:] {
		tail = append(tail, r[:2])
	}
	if fmt.Sprint(tail) != "[[Necesidad Total] [Audífonos de interpretación 3] [Cuidado de niños 3]]" {
		t.Errorf("report CSV ends %s, want the needs and their totals", tail)
	}
	if n := reportSQLInt(t, reportDB(t, ts), `SELECT sum(count) FROM need_counts WHERE action_id = ?`, f.Action); n != 6 {
		t.Errorf("need_counts add to %d, want 6: a replay counts nothing", n)
	}
}
