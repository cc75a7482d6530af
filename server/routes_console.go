package server

import "github.com/gofiber/fiber/v2"

// consoleRoutes adds the routes of the organizer console and reports.
func (s *Server) consoleRoutes(app *fiber.App, api, action fiber.Router) {}
