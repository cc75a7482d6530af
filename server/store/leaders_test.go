package store

import (
	"context"
	"testing"
)

// TestRenameKeepsGivenNameWhileTheNameBeginsWithIt: a leader imported with
// the given names "María José" keeps them through a change of name only
// while the new name still begins with them as whole words.
func TestRenameKeepsGivenNameWhileTheNameBeginsWithIt(t *testing.T) {
	tests := []struct {
		rename, want string
	}{
		{"María José Núñez García", "María José"},
		{"María José", "María José"},
		{"María Josefa Núñez", ""},
		{"José María Núñez", ""},
		{"Ana Núñez", ""},
	}
	for _, tt := range tests {
		t.Run(tt.rename, func(t *testing.T) {
			w := newWorld(t)
			importRoster(t, w, "first_name,last_name,institution\nMaría José,Núñez,Iglesia San José\n")
			var id int64
			check(t, w.st.read.QueryRow(`SELECT id FROM leaders WHERE name = 'María José Núñez'`).Scan(&id))
			check(t, w.st.UpdateLeader(context.Background(), id, NewLeader{Name: tt.rename, Institution: w.inst[0]}))
			if got := givenName(t, w.st, tt.rename); got != tt.want {
				t.Errorf("renamed %q: given name %q, want %q", tt.rename, got, tt.want)
			}
		})
	}
}

func TestStartsWithWords(t *testing.T) {
	tests := []struct {
		name, given string
		want        bool
	}{
		{"María José Núñez", "María José", true},
		{"María José", "María José", true},
		{"María Josefa Núñez", "María José", false},
		{"María José Núñez", "", false},
		{"Ana Núñez", "María", false},
	}
	for _, tt := range tests {
		if got := StartsWithWords(tt.name, tt.given); got != tt.want {
			t.Errorf("StartsWithWords(%q, %q) = %v, want %v", tt.name, tt.given, got, tt.want)
		}
	}
}
