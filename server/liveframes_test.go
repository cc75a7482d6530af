package server

import (
	"fmt"
	"testing"
)

// TestFramesOnePerMessage: the same bytes get the same frame, other bytes
// (even equal ones) a frame of their own, and the oldest frames are let go.
func TestFramesOnePerMessage(t *testing.T) {
	var f frames
	a, b := []byte(`{"seq":1}`), []byte(`{"seq":1}`)
	fa, err := f.of(a)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := f.of(a); again != fa {
		t.Error("the same message was framed twice")
	}
	if fb, _ := f.of(b); fb == fa {
		t.Error("two messages share a frame")
	}
	for i := range len(f.ring) {
		f.of(fmt.Appendf(nil, `{"seq":%d}`, i+2))
	}
	if _, kept := f.m.Load(frameKey{&a[0], len(a)}); kept {
		t.Error("the oldest frame is still kept")
	}
	n := 0
	f.m.Range(func(any, any) bool { n++; return true })
	if n != len(f.ring) {
		t.Errorf("%d frames kept, want %d", n, len(f.ring))
	}
}
