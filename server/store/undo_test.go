package store

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

func TestUndoRules(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	_, err := w.checkIn(t, "scan-0001", w.codes[0][0], 0)
	check(t, err)
	if _, err := w.st.UndoCheckIn(ctx, w.action, "scan-0001", Actor{Door: w.door[1]}); !errors.Is(err, ErrNotYours) {
		t.Errorf("undo by another door: err = %v, want ErrNotYours", err)
	}
	first, err := w.st.UndoCheckIn(ctx, w.action, "scan-0001", Actor{Door: w.door[0]})
	check(t, err)
	again, err := w.st.UndoCheckIn(ctx, w.action, "scan-0001", Actor{Door: w.door[0]})
	check(t, err)
	if !again.At.Equal(first.At) {
		t.Errorf("second undo at %v, want the first undo's time %v", again.At, first.At)
	}
	if _, err := w.st.UndoCheckIn(ctx, w.action, "no-such-id", Actor{}); !errors.Is(err, ErrNotFound) {
		t.Errorf("undo unknown id: err = %v, want ErrNotFound", err)
	}
	var undoneBy string
	var kept int
	check(t, w.st.read.QueryRow(`SELECT count(*), max(undone_by) FROM checkins WHERE client_id = 'scan-0001'`).Scan(&kept, &undoneBy))
	if kept != 1 || undoneBy != fmt.Sprintf("door:%d", w.door[0]) {
		t.Errorf("undone row: kept %d, undone_by %q; want the row kept and marked by the door", kept, undoneBy)
	}
}
