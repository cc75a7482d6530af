//go:build !windows && !darwin

package desktop

import "path/filepath"

// dataDir follows the XDG base directory specification: an XDG_DATA_HOME
// that is not absolute is ignored.
func dataDir(getenv func(string) string) string {
	if d := getenv("XDG_DATA_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "presente")
	}
	if home := getenv("HOME"); home != "" {
		return filepath.Join(home, ".local", "share", "presente")
	}
	return ""
}

func browserCommand(url string) (string, []string) { return "xdg-open", []string{url} }

// OwnWindow is false: a desktop's launcher or terminal keeps the output.
func OwnWindow() bool { return false }
