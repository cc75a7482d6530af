package server

import "github.com/gofiber/fiber/v2"

// clientIP is the address of whoever made the request.
func (s *Server) clientIP(c *fiber.Ctx) string {
	return c.Context().RemoteIP().String()
}
