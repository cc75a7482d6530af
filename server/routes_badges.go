package server

import "github.com/gofiber/fiber/v2"

// badgeRoutes adds the routes that print badges and reissue codes.
func (s *Server) badgeRoutes(app *fiber.App, api, action fiber.Router) {}
