package store

import (
	"context"
	"errors"
	"testing"
)

// cachedDoor looks a door token up twice and checks the second answer came
// from the token cache.
func cachedDoor(tb testing.TB, st *Store, token string) Door {
	tb.Helper()
	ctx := context.Background()
	d, err := st.DoorByToken(ctx, token)
	check(tb, err)
	if d.Revoked != nil {
		tb.Fatalf("door %d is revoked already", d.ID)
	}
	st.tokens.mu.Lock()
	n := len(st.tokens.doors)
	st.tokens.mu.Unlock()
	if n != 1 {
		tb.Fatalf("the token cache holds %d doors after one lookup, want 1", n)
	}
	again, err := st.DoorByToken(ctx, token)
	check(tb, err)
	if again.ID != d.ID {
		tb.Fatalf("the cached door = %+v, want %+v", again, d)
	}
	return d
}

// wantRevoked checks that a door token is refused at once.
func wantRevoked(tb testing.TB, st *Store, token string) {
	tb.Helper()
	d, err := st.DoorByToken(context.Background(), token)
	if err != nil || d.Revoked == nil {
		tb.Errorf("DoorByToken after the revocation = %+v, %v; want it revoked", d, err)
	}
}

// TestTokenCacheSeesRevocationHere: a door revoked through this store (the
// console) is refused by the very next lookup, though its token was cached.
func TestTokenCacheSeesRevocationHere(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	_, token, err := w.st.CreateDoor(ctx, w.action, "Puerta norte")
	check(t, err)
	d := cachedDoor(t, w.st, token)
	check(t, w.st.RevokeDoor(ctx, w.action, d.ID))
	wantRevoked(t, w.st, token)
}

// TestTokenCacheSeesAnotherProcess: a door revoked by another connection to
// the same file, as the command line makes from another process, is
// refused by the very next lookup here.
func TestTokenCacheSeesAnotherProcess(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	_, token, err := w.st.CreateDoor(ctx, w.action, "Puerta norte")
	check(t, err)
	d := cachedDoor(t, w.st, token)
	other, err := Open(ctx, w.st.Path(), Options{})
	check(t, err)
	defer other.Close()
	check(t, other.RevokeDoor(ctx, w.action, d.ID))
	wantRevoked(t, w.st, token)
}

// TestTokenCacheSeesReplicatedRevocation: a door the hub revoked is refused
// at the venue by the first lookup after the roster came down.
func TestTokenCacheSeesReplicatedRevocation(t *testing.T) {
	hub := newWorld(t)
	ctx := context.Background()
	check(t, hub.st.SetSelf(ctx, "hub", ""))
	hubDoor, token, err := hub.st.CreateDoor(ctx, hub.action, "Puerta este")
	check(t, err)
	venue := emptyVenue(t)
	sendRoster(t, hub.st, venue)
	cachedDoor(t, venue, token)
	check(t, hub.st.RevokeDoor(ctx, hub.action, hubDoor.ID))
	sendRoster(t, hub.st, venue)
	wantRevoked(t, venue, token)
}

// TestTokenCacheKeepsNoUnknownToken: a token that names nothing is not
// kept, and a display token is cached and revoked like a door's.
func TestTokenCacheKeepsNoUnknownToken(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	if _, err := w.st.DoorByToken(ctx, NewToken("door")); !errors.Is(err, ErrNotFound) {
		t.Fatalf("an unknown token: %v, want ErrNotFound", err)
	}
	disp, token, err := w.st.CreateDisplay(ctx, w.action)
	check(t, err)
	for range 2 {
		if d, err := w.st.DisplayByToken(ctx, token); err != nil || d.ID != disp.ID || d.Revoked != nil {
			t.Fatalf("DisplayByToken = %+v, %v; want display %d", d, err, disp.ID)
		}
	}
	w.st.tokens.mu.Lock()
	doors, displays := len(w.st.tokens.doors), len(w.st.tokens.displays)
	w.st.tokens.mu.Unlock()
	if doors != 0 || displays != 1 {
		t.Errorf("the token cache holds %d doors and %d displays, want 0 and 1", doors, displays)
	}
	check(t, w.st.RevokeDisplay(ctx, w.action, disp.ID))
	if d, err := w.st.DisplayByToken(ctx, token); err != nil || d.Revoked == nil {
		t.Errorf("DisplayByToken after the revocation = %+v, %v; want it revoked", d, err)
	}
}
