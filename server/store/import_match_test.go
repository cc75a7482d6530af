package store

import (
	"context"
	"strings"
	"testing"
)

// TestImportMatchingRules pins down how a row finds its leader.
func TestImportMatchingRules(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	_, err := w.st.AddLeaders(ctx, []NewLeader{
		{Name: "Ana Ruiz", Institution: w.inst[0], Phone: "919-555-0101"},
		{Name: "Beto Paz", Institution: w.inst[0], Email: "beto@example.org"},
		{Name: "Carla Soto", Institution: w.inst[1]},
		{Name: "Carla Soto", Institution: w.inst[1]},
	})
	check(t, err)
	file := "Nombre,Institución,Teléfono,Correo\n" +
		"ANA RUIZ,Iglesia San Jose,(919) 555 0101,\n" + // same person, phone written otherwise: nothing to do
		"Luis Ruiz,Iglesia San José,919-555-0101,\n" + // shares Ana's phone: a family member, added
		"Beto Paz,Sindicato Local 12,,BETO@example.org\n" + // same name and email elsewhere: moved
		"Ana Ruiz,Sindicato Local 12,,\n" + // same name elsewhere, nothing shared: another person
		"Carla Soto,Sindicato Local 12,,\n" // two Carla Sotos there: cannot tell which
	tab, err := ReadTable([]byte(file))
	check(t, err)
	plan, err := w.st.PlanRoster(ctx, tab, false)
	check(t, err)
	want := []string{"same/", "add/", "update/institution", "add/", "refused/ambiguous_leader"}
	for i, r := range plan.Rows {
		if got := r.Status + "/" + r.Reason + strings.Join(r.Changes, ","); got != want[i] {
			t.Errorf("line %d (%s): %s, want %s", r.Line, r.Name, got, want[i])
		}
	}
	_, err = w.st.ImportRoster(ctx, tab, false, plan.Hash)
	check(t, err)
	again, err := w.st.PlanRoster(ctx, tab, false)
	check(t, err)
	if again.Add+again.Update != 0 {
		t.Errorf("after importing, the same file still adds %d and updates %d", again.Add, again.Update)
	}
	if _, err := w.st.ImportRoster(ctx, tab, false, plan.Hash); err == nil || !strings.Contains(err.Error(), ErrPlanChanged.Error()) {
		t.Errorf("confirming an old preview: %v, want ErrPlanChanged", err)
	}
}
