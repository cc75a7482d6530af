package lan

import (
	"slices"
	"testing"
)

func TestCertNames(t *testing.T) {
	tests := []struct {
		hostname string
		want     []string
	}{
		{"", []string{"localhost"}},
		{"localhost", []string{"localhost"}},
		{" Salon-Parroquial ", []string{"localhost", "salon-parroquial", "salon-parroquial.local"}},
		{"presente.example.org", []string{"localhost", "presente.example.org"}},
	}
	for _, tt := range tests {
		if got := certNames(tt.hostname); !slices.Equal(got, tt.want) {
			t.Errorf("certNames(%q) = %v, want %v", tt.hostname, got, tt.want)
		}
	}
}
