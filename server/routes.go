package server

import (
	"github.com/gofiber/contrib/websocket"
	"github.com/gofiber/fiber/v2"
)

// routes lists every route of the app.
func (s *Server) routes(app *fiber.App) {
	app.Get("/healthz", s.healthz)
	for _, h := range throttles() {
		app.Use("/api", h)
		app.Use("/pair/claim", h)
	}
	app.Post("/api/session", s.signIn)

	api := app.Group("/api", s.authenticate)
	api.Get("/session", s.me)
	api.Delete("/session", s.signOut)
	api.Get("/actions", s.listActions)

	a := api.Group("/actions/:action")
	a.Get("/turnout", s.turnout)
	a.Get("/live", s.liveUpgrade, websocket.New(s.live))
	a.Get("/roster", s.roster)
	a.Post("/checkins", s.checkIn)
	a.Post("/checkins/batch", s.checkInBatch)
	a.Post("/checkins/:id/undo", s.undoCheckIn)
	a.Post("/headcounts", s.headcount)
	a.Post("/headcounts/:id/undo", s.undoHeadcount)
	a.Post("/walkins", s.walkIn)
	a.Get("/doors", s.listDoors)
	a.Post("/doors", s.createDoor)
	a.Post("/doors/:door/revoke", s.revokeDoor)
	a.Post("/displays", s.createDisplay)

	s.doorRoutes(app, api, a)
	s.projectorRoutes(app, api, a)
	s.consoleRoutes(app, api, a)
	s.badgeRoutes(app, api, a)

	app.Use("/", s.static())
}
