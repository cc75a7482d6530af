package server

import (
	"html"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// A person who opens an API address in the browser's own window (a CSV
// download opened in a new tab or a bookmark while signed out, a mistyped
// path) gets a page in their language instead of the JSON a program reads.
// The page only carries the error's code: its words come from the same
// tables as every other page's (static/www/shared/errorpage.js).

// navigation reports whether c is the browser loading a page a person
// asked for, not a page's own call.
func navigation(c *fiber.Ctx) bool {
	if mode := c.Get("Sec-Fetch-Mode"); mode != "" {
		return mode == "navigate"
	}
	accept := c.Get(fiber.HeaderAccept)
	return strings.Contains(accept, "text/html") && !strings.Contains(accept, "application/json")
}

const errorPageHead = `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="presente-error" content="`

const errorPageTail = `">
<title>Presente</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/shared/base.css">
<link rel="stylesheet" href="/shared/errorpage.css">
<script type="module" src="/shared/errorpage.js"></script>
</head>
<body>
<main class="errorpage">
  <div class="errorpage-top"><strong data-i18n="errorpage.title">Presente</strong>
    <button id="lang" class="secondary" type="button">English</button></div>
  <h1 id="what" role="alert"></h1>
  <p><a href="/console/" data-i18n="errorpage.console">Ir a la consola</a> ·
    <a href="/" data-i18n="errorpage.home">Ir a la página principal</a></p>
</main>
</body>
</html>
`

// sendErrorPage answers ae as that page.
func sendErrorPage(c *fiber.Ctx, ae *apiError) error {
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Status(ae.Status).SendString(errorPageHead + html.EscapeString(ae.Code) + errorPageTail)
}
