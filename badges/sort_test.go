package badges

import (
	"slices"
	"testing"
)

func TestSortKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Álvarez", "alvarez"},
		{"ÁLVAREZ", "alvarez"},
		{"Müller", "muller"},
		{"Peña", "pen~a"},
		{"Pen\u0303a", "pen~a"},      // decomposed ñ
		{"Jose\u0301 Li", "jose li"}, // decomposed é
		{"  De   la Cruz ", "de la cruz"},
		{"O'Brien", "o brien"},
		{"Łódź", "lodz"},
		{"", lastKey},
		{"--", lastKey},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := sortKey(tt.in); got != tt.want {
				t.Errorf("sortKey(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSortLeaders(t *testing.T) {
	in := []Leader{
		{Name: "Zoe", Institution: "B", Chapter: "Norte"},
		{Name: "bob", Institution: "A", Chapter: "Sur"},
		{Name: "Ñúñez", Institution: "a", Chapter: "norte"},
		{Name: "Nuñez", Institution: "Á", Chapter: "Norte"},
		{Name: "Nunez", Institution: "A", Chapter: "Norte"},
		{Name: "Oscar", Institution: "A", Chapter: "Norte"},
		{Name: "Álvarez", Institution: "A", Chapter: "Norte"},
		{Name: "alvarez", Institution: "A", Chapter: "Norte"},
		{Name: "Ana", Institution: "A", Chapter: "Norte"},
		{Name: "Amy", Institution: "", Chapter: "Norte"},
		{Name: "Ann", Institution: "A", Chapter: ""},
		{Name: "Pena", Institution: "A", Chapter: "Norte"},
		{Name: "Penagos", Institution: "A", Chapter: "Norte"},
		{Name: "Peña", Institution: "A", Chapter: "Norte"},
	}
	orig := slices.Clone(in)
	want := []string{
		// Norte, A: accents and case ignored, ñ after n, exact text breaks ties
		"alvarez", "Álvarez", "Ana", "Nunez", "Nuñez", "Ñúñez", "Oscar", "Pena", "Penagos", "Peña",
		"Zoe", // Norte, B
		"Amy", // Norte, no institution: last
		"bob", // Sur
		"Ann", // no chapter: last
	}
	var got []string
	for _, e := range sortLeaders(in) {
		got = append(got, e.Name)
	}
	if !slices.Equal(got, want) {
		t.Errorf("sorted names\n got %q\nwant %q", got, want)
	}
	if !slices.Equal(in, orig) {
		t.Errorf("sortLeaders changed its input: %q", in)
	}
}

func TestSortLeadersStable(t *testing.T) {
	in := make([]Leader, 20)
	for i := range in {
		in[i] = Leader{Name: "Ana", Institution: "A", Chapter: "C", Code: testCode(i)}
	}
	for i, e := range sortLeaders(in) {
		if e.Code != in[i].Code {
			t.Fatalf("entry %d has code %s, want %s: equal leaders reordered", i, e.Code, in[i].Code)
		}
	}
}

func TestGroupByInstitution(t *testing.T) {
	in := []Leader{
		{Name: "a", Institution: "San José", Chapter: "Norte"},
		{Name: "b", Institution: "San Jose", Chapter: "Norte"},
		{Name: "c", Institution: "San José", Chapter: "Sur"},
		{Name: "d", Institution: "Santa Ana", Chapter: "Norte"},
	}
	var sizes []int
	for _, g := range groupByInstitution(sortLeaders(in)) {
		sizes = append(sizes, len(g))
	}
	if want := []int{2, 1, 1}; !slices.Equal(sizes, want) {
		t.Errorf("group sizes = %v, want %v", sizes, want)
	}
	if got := groupByInstitution(nil); len(got) != 0 {
		t.Errorf("groups of nothing = %v, want none", got)
	}
}
