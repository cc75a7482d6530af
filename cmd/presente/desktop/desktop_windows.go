package desktop

import (
	"path/filepath"
	"syscall"
	"unsafe"
)

func dataDir(getenv func(string) string) string {
	if d := getenv("LOCALAPPDATA"); d != "" {
		return filepath.Join(d, "Presente")
	}
	if home := getenv("USERPROFILE"); home != "" {
		return filepath.Join(home, "AppData", "Local", "Presente")
	}
	return ""
}

// browserCommand asks the shell to open url with its protocol's handler;
// rundll32 takes the URL as one argument, where "cmd /c start" would read
// its & as a command separator.
func browserCommand(url string) (string, []string) {
	return "rundll32", []string{"url.dll,FileProtocolHandler", url}
}

// OwnWindow reports whether the console window belongs to this program
// alone: it was double-clicked, and the window closes as soon as it exits,
// taking any error message with it.
func OwnWindow() bool {
	proc := syscall.NewLazyDLL("kernel32.dll").NewProc("GetConsoleProcessList")
	if proc.Find() != nil {
		return false
	}
	ids := make([]uint32, 4)
	n, _, _ := proc.Call(uintptr(unsafe.Pointer(&ids[0])), uintptr(len(ids)))
	return n == 1
}
