package server

import (
	"html"
	"io/fs"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"

	"presente/static"
)

// A person who opens an API address in the browser's own window (a CSV
// download opened in a new tab or a bookmark while signed out, a mistyped
// path) gets a page in their language instead of the JSON a program reads.
// The page only carries the error's code: its words come from the same
// tables as every other page's (static/www/shared/error.html, errorpage.js).

// navigation reports whether c is the browser loading a page a person
// asked for, not a page's own call.
func navigation(c *fiber.Ctx) bool {
	if mode := c.Get("Sec-Fetch-Mode"); mode != "" {
		return mode == "navigate"
	}
	accept := c.Get(fiber.HeaderAccept)
	return strings.Contains(accept, "text/html") && !strings.Contains(accept, "application/json")
}

// errorPage is static/www/shared/error.html cut where its code goes, read
// once.
var errorPage = sync.OnceValues(func() (string, string) {
	b, _ := fs.ReadFile(static.Files(), "shared/error.html")
	head, tail, _ := strings.Cut(string(b), errorPageCode)
	return head + `content="`, `"` + tail
})

// errorPageCode is the code the page carries as a file.
const errorPageCode = `content="generic"`

// sendErrorPage answers ae as that page.
func sendErrorPage(c *fiber.Ctx, ae *apiError) error {
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	c.Set(fiber.HeaderCacheControl, "no-store")
	head, tail := errorPage()
	return c.Status(ae.Status).SendString(head + html.EscapeString(ae.Code) + tail)
}
