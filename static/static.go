// Package static holds the browser side of Presente: the scanner, the
// projector and the organizer pages, embedded in the binary.
package static

import (
	"embed"
	"io/fs"
)

//go:embed all:www
var files embed.FS

// Files is the tree served at the web root.
func Files() fs.FS {
	sub, err := fs.Sub(files, "www")
	if err != nil {
		panic("static: " + err.Error()) // the embed pattern guarantees www exists
	}
	return sub
}
