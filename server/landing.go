package server

import (
	"net/http"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/recover"
	qrcode "github.com/skip2/go-qrcode"

	"presente/server/lan"
)

// newLandingApp is what plain HTTP shows other machines: the landing page
// with the HTTPS address, its own files, and health; the rest redirects.
func (s *Server) newLandingApp() *fiber.App {
	app := fiber.New(fiber.Config{
		AppName: "Presente", BodyLimit: 4096, ErrorHandler: s.handleError, DisableStartupMessage: true,
		ReadTimeout: 15 * time.Second, WriteTimeout: 15 * time.Second, IdleTimeout: 90 * time.Second,
		EnableTrustedProxyCheck: true, TrustedProxies: s.cfg.TrustedProxies,
	})
	app.Use(recover.New())
	app.Use(securityHeaders)
	app.Use(s.checkHost)
	app.Get("/healthz", s.healthz)
	app.Get("/https/info", s.httpsInfo)
	app.Get("/https/qr.png", s.httpsQR)
	files := s.static()
	app.Use(func(c *fiber.Ctx) error {
		if safeMethod(c.Method()) && landingFile(c.Path()) {
			return files(c)
		}
		return toHTTPS(c)
	})
	return app
}

// landingFile reports whether plain HTTP may show path to another machine.
func landingFile(path string) bool {
	switch path {
	case "/", "/index.html", "/app.css", "/shared/base.css", "/shared/i18n.js":
		return true
	}
	return strings.HasPrefix(path, "/pair/landing/") && !strings.Contains(path, "..")
}

func toHTTPS(c *fiber.Ctx) error {
	site := siteOf(c)
	if !safeMethod(c.Method()) || site == nil || site.HTTPSPort == "" {
		return errorf(http.StatusForbidden, "https_required", "use the HTTPS address")
	}
	return c.Redirect(httpsBase(c)+c.OriginalURL(), http.StatusTemporaryRedirect)
}

// httpsInfo tells the landing page where phones should go.
func (s *Server) httpsInfo(c *fiber.Ctx) error {
	site := siteOf(c)
	c.Set(fiber.HeaderCacheControl, "no-store")
	if site == nil || site.HTTPSPort == "" {
		return c.JSON(fiber.Map{"https": c.Protocol() == "https", "url": httpsBase(c) + "/"})
	}
	return c.JSON(fiber.Map{"https": true, "url": httpsBase(c) + "/", "fingerprint": site.Fingerprint,
		"secure": c.Protocol() == "https"})
}

// httpsQR is a QR of the HTTPS address, for a phone's camera app.
func (s *Server) httpsQR(c *fiber.Ctx) error {
	png, err := qrcode.Encode(httpsBase(c)+"/", qrcode.Medium, 360)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Type("png")
	return c.Send(png)
}

// siteOf finds the Site that ServeTLS or ServePlain put on the connection;
// nil when the app was served some other way (tests).
func siteOf(c *fiber.Ctx) *lan.Site { return lan.SiteOf(c.Context().Conn()) }

// httpsBase is the origin a phone should open: this one when it is already
// HTTPS, else the site's HTTPS origin for the host asked for, as this
// server spells its name.
func httpsBase(c *fiber.Ctx) string {
	host := ownHost(c)
	site := siteOf(c)
	if c.Protocol() == "https" || site == nil || site.HTTPSPort == "" {
		return c.Protocol() + "://" + host
	}
	return site.Origin(host)
}
