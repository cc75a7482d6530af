//go:build !windows && !darwin

package desktop

import "testing"

func TestDataDirXDG(t *testing.T) {
	for _, tc := range []struct {
		name    string
		env     map[string]string
		want    string
		wantErr bool
	}{
		{"XDG_DATA_HOME wins", map[string]string{"XDG_DATA_HOME": "/x/data", "HOME": "/home/ana"}, "/x/data/presente", false},
		{"relative XDG_DATA_HOME is ignored", map[string]string{"XDG_DATA_HOME": "data", "HOME": "/home/ana"}, "/home/ana/.local/share/presente", false},
		{"HOME alone", map[string]string{"HOME": "/home/ana"}, "/home/ana/.local/share/presente", false},
		{"nothing", map[string]string{}, "", true},
		{"relative HOME", map[string]string{"HOME": "ana"}, "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DataDir(func(k string) string { return tc.env[k] })
			if got != tc.want || (err != nil) != tc.wantErr {
				t.Errorf("DataDir() = %q, %v; want %q, error %v", got, err, tc.want, tc.wantErr)
			}
		})
	}
}
