package store

import (
	"context"
	"testing"
)

func TestImportCommitmentsPlan(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	file := "Institución;Compromiso\nIglesia San José;1.200\nsindicato local 12;3\nIglesia San Jose;5\nNadie;4\nIglesia San José;muchos\n"
	tab, err := ReadTable([]byte(file))
	check(t, err)
	plan, err := w.st.PlanCommitments(ctx, w.action, tab)
	check(t, err)
	want := []string{"update/", "same/", "refused/duplicate", "refused/unknown_institution", "refused/bad_number"}
	for i, r := range plan.Rows {
		if got := r.Status + "/" + r.Reason; got != want[i] {
			t.Errorf("line %d: %s, want %s", r.Line, got, want[i])
		}
	}
	_, err = w.st.ImportCommitments(ctx, w.action, tab, plan.Hash)
	check(t, err)
	counts, err := w.st.Counts(ctx, w.action)
	check(t, err)
	if counts[0].Institution.ID != w.inst[0] || counts[0].Committed != 1200 {
		t.Errorf("commitment after import: %+v, want 1200", counts[0])
	}
}
