package badges

import "testing"

func TestDate(t *testing.T) {
	tests := []struct{ lang, iso, want string }{
		{"es", "2026-12-12", "12 de diciembre de 2026"},
		{"en", "2026-12-12", "December 12, 2026"},
		{"es", "2027-01-05", "5 de enero de 2027"},
		{"en", " 2027-01-05 ", "January 5, 2027"},
		{"es", "next Sunday", "next Sunday"},
		{"en", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.lang+" "+tt.iso, func(t *testing.T) {
			if got := wordsFor(tt.lang).date(tt.iso); got != tt.want {
				t.Errorf("date(%q) in %s = %q, want %q", tt.iso, tt.lang, got, tt.want)
			}
		})
	}
}

func TestLanguage(t *testing.T) {
	tests := []struct{ tag, want string }{
		{"en", "en"}, {"EN", "en"}, {"en-US", "en"}, {"es", "es"},
		{"es-MX", "es"}, {"", "es"}, {"fr", "es"}, {"english", "es"},
	}
	for _, tt := range tests {
		if got := language(tt.tag); got != tt.want {
			t.Errorf("language(%q) = %q, want %q", tt.tag, got, tt.want)
		}
	}
}

func TestCount(t *testing.T) {
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{"es", 1, "1 gafete"}, {"es", 12, "12 gafetes"},
		{"en", 1, "1 badge"}, {"en", 12, "12 badges"},
	}
	for _, tt := range tests {
		if got := wordsFor(tt.lang).count(tt.n); got != tt.want {
			t.Errorf("count(%d) in %s = %q, want %q", tt.n, tt.lang, got, tt.want)
		}
	}
}

func TestMajority(t *testing.T) {
	tests := []struct {
		langs []string
		want  string
	}{
		{[]string{"en", "en", "es"}, "en"},
		{[]string{"en", "es"}, "es"},
		{[]string{"en", "xx", "fr"}, "es"},
		{[]string{"EN"}, "en"},
	}
	for _, tt := range tests {
		es := make([]entry, len(tt.langs))
		for i, l := range tt.langs {
			es[i].Language = l
		}
		if got := majority(es); got != tt.want {
			t.Errorf("majority(%q) = %q, want %q", tt.langs, got, tt.want)
		}
	}
}
