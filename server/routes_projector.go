package server

import "github.com/gofiber/fiber/v2"

// projectorRoutes adds the routes of the projector and the credentials roll call.
func (s *Server) projectorRoutes(app *fiber.App, api, action fiber.Router) {}
