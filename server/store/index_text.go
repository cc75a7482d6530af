package store

// text holds the leaders' names and codes end to end in one byte slice.
// Having no pointers, it is never scanned by the garbage collector, however
// many leaders the index holds; nor are maps whose keys and values hold no
// pointers (their groups are allocated as noscan memory), which is why the
// index keeps spans of text and code keys rather than strings.
type text struct {
	b     []byte
	waste int // bytes of strings replaced since the index was built
}

// span is where one string lies in a text.
type span struct{ from, to int }

// add appends s and returns where it lies.
func (t *text) add(s string) span {
	from := len(t.b)
	t.b = append(t.b, s...)
	return span{from, len(t.b)}
}

// addBytes appends b and returns where it lies.
func (t *text) addBytes(b []byte) span {
	from := len(t.b)
	t.b = append(t.b, b...)
	return span{from, len(t.b)}
}

// str is the string at s, a copy of its own.
func (t *text) str(s span) string { return string(t.b[s.from:s.to]) }

// drop notes that the string at s is no longer used.
func (t *text) drop(s span) { t.waste += s.to - s.from }

// wasteful reports whether more of the text is replaced strings than used
// ones: time to build the index again.
func (t *text) wasteful() bool { return t.waste > len(t.b)/2 }

// codeKey is a badge code of CodeLen symbols, as NewCode makes every code:
// a map key without pointers, which the code itself is, so two codes never
// share a key.
type codeKey [CodeLen]byte

// keyOf is the key of a code, false if it is not CodeLen bytes long.
func keyOf[T ~string | ~[]byte](code T) (k codeKey, ok bool) {
	if len(code) != CodeLen {
		return k, false
	}
	copy(k[:], code)
	return k, true
}
