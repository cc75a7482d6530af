package server

import (
	"net"
	"net/http"
	"regexp"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/filesystem"
	"github.com/gofiber/fiber/v2/middleware/recover"
	"github.com/valyala/fasthttp"

	"presente/static"
)

func (s *Server) newApp() *fiber.App {
	app := fiber.New(fiber.Config{
		AppName:               "Presente",
		BodyLimit:             BodyLimit,
		ReadTimeout:           readTimeout,
		WriteTimeout:          15 * time.Second,
		IdleTimeout:           90 * time.Second,
		ErrorHandler:          s.handleError,
		DisableStartupMessage: true,
		// A connection holds its 4 KB read buffer only while a request is
		// read: a live socket, hijacked after its request, reads through its
		// own small buffer, and an idle keep-alive phone holds none.
		ReduceMemoryUsage: true,
		// X-Forwarded-Proto and -Host count only from a trusted proxy.
		EnableTrustedProxyCheck: true,
		TrustedProxies:          s.cfg.TrustedProxies,
	})
	app.Server().ConnState = cutOffSilent
	app.Use(recover.New())
	app.Use(securityHeaders)
	app.Use("/door", s.doorPolicy)
	app.Use(s.checkHost)
	app.Use(s.logRequests)
	app.Use(s.noteReach)
	s.routes(app)
	return app
}

// readTimeout is how long a client may take to send a request.
const readTimeout = 15 * time.Second

// cutOffSilent gives a new connection readTimeout to send its first byte:
// with ReduceMemoryUsage fasthttp waits for that byte before it sets its
// own deadline, and a client that never sends one would hold on forever.
func cutOffSilent(c net.Conn, state fasthttp.ConnState) {
	if state == fasthttp.StateNew {
		c.SetReadDeadline(time.Now().Add(readTimeout))
	}
}

// healthz answers that the server is up, its tally's epoch (a new epoch
// tells a dashboard the server restarted) and its version line.
func (s *Server) healthz(c *fiber.Ctx) error {
	return c.JSON(fiber.Map{"status": "ok", "epoch": s.tally.Epoch(), "version": s.cfg.Version})
}

// logRequests logs failures and slow requests: the path only, never the
// query string, which may hold a token.
func (s *Server) logRequests(c *fiber.Ctx) error {
	start := time.Now()
	err := c.Next()
	status := c.Response().StatusCode()
	if err != nil {
		if ae, _ := toAPIError(err); ae != nil {
			status = ae.Status
		}
	}
	if took := time.Since(start); status >= 500 || took > time.Second {
		s.log.Warn("request", "method", c.Method(), "path", c.Path(), "status", status, "took", took)
	}
	return err
}

func (s *Server) static() fiber.Handler {
	return filesystem.New(filesystem.Config{
		Root:         http.FS(static.Files()),
		Index:        "index.html",
		MaxAge:       60,
		NotFoundFile: "",
	})
}

// contentPolicy allows only this server's own files: no inline script or
// style, no CDN. 'wasm-unsafe-eval' lets the vendored QR decoder compile its
// WebAssembly; blob: and data: carry camera frames and generated images.
// hostRe accepts a Host header fit to repeat in the policy: a name or an
// address with an optional port, nothing that could end the directive.
var hostRe = regexp.MustCompile(`^[A-Za-z0-9.\-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$`)

// connect-src names this host's ws: and wss: too: older Safari does not count
// WebSockets as 'self'.
const contentPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
	"img-src 'self' data: blob:; media-src 'self' blob:; worker-src 'self' blob:; " +
	"font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; " +
	"connect-src 'self'"

func securityHeaders(c *fiber.Ctx) error {
	h := &c.Response().Header
	policy := contentPolicy
	if host := string(c.Request().Host()); hostRe.MatchString(host) {
		policy += " ws://" + host + " wss://" + host
	}
	h.Set("Content-Security-Policy", policy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Permissions-Policy", "camera=(self), microphone=(), geolocation=()")
	return c.Next()
}
