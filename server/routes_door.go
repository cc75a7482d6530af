package server

import "github.com/gofiber/fiber/v2"

// doorRoutes adds the routes of door pairing and the scanner.
func (s *Server) doorRoutes(app *fiber.App, api, action fiber.Router) {
	app.Post("/pair/claim", s.claimPairing)
	app.Get("/https/info", s.httpsInfo)
	app.Get("/https/qr.png", s.httpsQR)
	app.Get(wasmPath, s.wasmHandler())

	action.Post("/pairings", s.createPairing)
	action.Post("/doors/:door/pairing", s.repairDoor)
	action.Post("/door/contact", s.doorContact)
	action.Get("/door/feed", s.doorFeed)
}
