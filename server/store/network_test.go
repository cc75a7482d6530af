package store

import (
	"context"
	"errors"
	"sync"
	"testing"
)

// TestSetUpOnce: the first run names the network and adds the organizer,
// who can then sign in; a second run, or two at once, make no second one.
func TestSetUpOnce(t *testing.T) {
	st, _ := openTest(t)
	ctx := context.Background()
	if name, setUp, err := st.Network(ctx); err != nil || setUp || name != "" {
		t.Fatalf("fresh install: Network() = %q %v %v, want not set up", name, setUp, err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() { _, errs[i] = st.SetUp(ctx, " Red Carolina ", "maria", "a long enough password") })
	}
	wg.Wait()
	var made int
	for _, err := range errs {
		switch {
		case err == nil:
			made++
		case !errors.Is(err, ErrSetUp) && !errors.Is(err, ErrExists):
			t.Errorf("racing first run: %v, want ErrSetUp", err)
		}
	}
	if made != 1 {
		t.Errorf("%d first runs succeeded, want 1", made)
	}
	if name, setUp, err := st.Network(ctx); err != nil || !setUp || name != "Red Carolina" {
		t.Errorf("after the first run: Network() = %q %v %v, want \"Red Carolina\" set up", name, setUp, err)
	}
	if _, err := st.SignIn(ctx, "maria", "a long enough password"); err != nil {
		t.Errorf("the first organizer cannot sign in: %v", err)
	}
	if _, err := st.SetUp(ctx, "Otra red", "pedro", "another long password"); !errors.Is(err, ErrSetUp) {
		t.Errorf("second first run: %v, want ErrSetUp", err)
	}
}

func TestSetUpChecksInput(t *testing.T) {
	st, _ := openTest(t)
	for _, tc := range []struct{ network, name, password, field string }{
		{"", "maria", "a long enough password", "network"},
		{"Red", "", "a long enough password", "name"},
		{"Red", "maria", "short", "password"},
	} {
		_, err := st.SetUp(context.Background(), tc.network, tc.name, tc.password)
		var ie *InvalidError
		if !errors.As(err, &ie) || ie.Field != tc.field {
			t.Errorf("SetUp(%q, %q, %q) = %v, want invalid %s", tc.network, tc.name, tc.password, err, tc.field)
		}
	}
}

func TestSQLiteVersion(t *testing.T) {
	v, err := SQLiteVersion()
	if err != nil || len(v) < 5 || v[0] != '3' {
		t.Errorf("SQLiteVersion() = %q, %v; want 3.x.y", v, err)
	}
}
