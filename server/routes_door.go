package server

import "github.com/gofiber/fiber/v2"

// doorRoutes adds the routes of door pairing and the scanner.
func (s *Server) doorRoutes(app *fiber.App, api, action fiber.Router) {}
