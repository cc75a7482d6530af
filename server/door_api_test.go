package server

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"presente/server/store"
)

// TestDoorContactShowsInDoorsList: the scanner's heartbeat sets the door's
// last contact and unsent count in the organizers' list, beside its scans.
func TestDoorContactShowsInDoorsList(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	org := signInConsole(t, ts, f)
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	ts.call(t, "POST", a+"/checkins", f.Door, map[string]string{"id": "contact-1", "code": f.Codes["Centro El Puente"][0]})
	if status, body := ts.call(t, "POST", a+"/door/contact", f.Door, map[string]int{"queued": 7}); status != 200 {
		t.Fatalf("contact = %d %s", status, body)
	}
	for _, tt := range []struct {
		token string
		want  int
	}{{f.Display, 403}, {"", 401}, {f.OtherDoor, 403}} {
		if status, _ := ts.call(t, "POST", a+"/door/contact", tt.token, `{"queued":1}`); status != tt.want {
			t.Errorf("contact with %.5q = %d, want %d", tt.token, status, tt.want)
		}
	}
	_, body := org.send(t, "GET", a+"/doors", nil, false)
	var doors []store.Door
	json.Unmarshal(body, &doors)
	var north store.Door
	for _, d := range doors {
		if d.Name == "Puerta norte" {
			north = d
		}
	}
	if north.LastSeen == nil || time.Since(*north.LastSeen) > time.Minute || north.Queued != 7 || north.Scans != 1 {
		t.Errorf("north door = %+v; want a fresh last contact, 7 queued, 1 scan", north)
	}
}

type feedAnswer struct {
	Cursor int64
	Items  []store.FeedItem
	More   bool
}

// TestDoorFeed: a door reads, after the cursor it started from, the
// check-ins and undos of every door in order, with codes and names; a
// display may not.
func TestDoorFeed(t *testing.T) {
	ts := newTestServer(t)
	f := ts.seed(t)
	a := fmt.Sprintf("/api/actions/%d", f.Action)
	code := f.Codes["Iglesia San José"][0]
	ts.call(t, "POST", a+"/checkins", f.Door, map[string]string{"id": "feed-id-before", "code": f.Codes["Iglesia San José"][1]})
	_, body := ts.call(t, "GET", a+"/door/feed", f.Door, nil)
	start := decodeJSON[feedAnswer](t, body)
	if start.Cursor == 0 || len(start.Items) != 0 {
		t.Fatalf("starting cursor = %+v; want the last seq, no items", start)
	}
	ts.call(t, "POST", a+"/checkins", f.Door2, map[string]string{"id": "feed-id-1", "code": code})
	ts.call(t, "POST", a+"/checkins/feed-id-1/undo", f.Door2, nil)
	ts.call(t, "POST", a+"/checkins", f.Door, map[string]string{"id": "feed-id-2", "code": code})
	ts.call(t, "POST", fmt.Sprintf("/api/actions/%d/checkins", f.Other), f.OtherDoor, map[string]string{"id": "feed-id-other", "code": code})

	_, body = ts.call(t, "GET", fmt.Sprintf("%s/door/feed?since=%d", a, start.Cursor), f.Door, nil)
	got := decodeJSON[feedAnswer](t, body)
	want := []struct {
		present bool
		door    string
	}{{true, "Puerta sur"}, {false, "Puerta sur"}, {true, "Puerta norte"}}
	if len(got.Items) != len(want) {
		t.Fatalf("feed = %+v; want 3 items of this action", got.Items)
	}
	for i, w := range want {
		it := got.Items[i]
		if it.Code != code || it.Present != w.present || it.Door != w.door || it.Name == "" || it.Institution != f.Institutions["Iglesia San José"] {
			t.Errorf("item %d = %+v; want present %v at %s", i, it, w.present, w.door)
		}
	}
	if got.Cursor != got.Items[2].Seq || got.More {
		t.Errorf("cursor %d more %v; want the last item's seq and no more", got.Cursor, got.More)
	}
	if status, _ := ts.call(t, "GET", a+"/door/feed?since=0", f.Display, nil); status != 403 {
		t.Errorf("a display reading codes and names = %d, want 403", status)
	}
}
