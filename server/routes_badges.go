package server

import "github.com/gofiber/fiber/v2"

// badgeRoutes adds the routes that print badges and reissue codes.
func (s *Server) badgeRoutes(app *fiber.App, api, action fiber.Router) {
	action.Get("/badges.pdf", s.badgeSheet)
	action.Get("/leaders/:leader/badge.pdf", s.leaderBadge)
	api.Post("/leaders/:leader/reissue", s.reissueBadge)
}
