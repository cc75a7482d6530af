package desktop

import "path/filepath"

func dataDir(getenv func(string) string) string {
	if home := getenv("HOME"); home != "" {
		return filepath.Join(home, "Library", "Application Support", "Presente")
	}
	return ""
}

func browserCommand(url string) (string, []string) { return "open", []string{url} }

// OwnWindow is false: a double-click on macOS opens Terminal, which keeps
// its window and what was printed in it after the program exits.
func OwnWindow() bool { return false }
