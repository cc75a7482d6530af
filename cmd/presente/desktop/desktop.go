// Package desktop is what a double-click on presente needs from each
// operating system: the per-user data folder, the default browser, and
// whether the console window is the program's own. Plain Go, no cgo, so
// that each file builds and vets for darwin, windows and linux from any of
// them.
package desktop

import (
	"errors"
	"os/exec"
	"path/filepath"
)

// errNoHome means the environment names no folder for the user's data.
var errNoHome = errors.New("no home folder in the environment: give --data")

// DataDir is the per-user folder Presente keeps its data in when started
// without --data: %LOCALAPPDATA%\Presente on Windows, ~/Library/Application
// Support/Presente on macOS, $XDG_DATA_HOME/presente (by default
// ~/.local/share/presente) elsewhere. getenv reads the environment.
func DataDir(getenv func(string) string) (string, error) {
	dir := dataDir(getenv)
	if dir == "" || !filepath.IsAbs(dir) {
		return "", errNoHome
	}
	return dir, nil
}

// OpenBrowser opens url in the default browser and does not wait for it.
func OpenBrowser(url string) error {
	name, args := browserCommand(url)
	cmd := exec.Command(name, args...)
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // reap it; the browser outlives the command on every OS
	return nil
}
