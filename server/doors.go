package server

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"presente/server/store"
)

func (s *Server) listDoors(c *fiber.Ctx) error {
	action := actionOf(c)
	doors, err := s.store.Doors(c.UserContext(), action)
	if err != nil {
		return err
	}
	return c.JSON(doors)
}

func (s *Server) createDoor(c *fiber.Ctx) error {
	door, token, err := s.newDoor(c)
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(fiber.Map{"door": door, "token": token})
}

// newDoor adds a door named in the body to the route's action, for an
// organizer: given its token at once, or paired by QR (createPairing).
func (s *Server) newDoor(c *fiber.Ctx) (store.Door, string, error) {
	action := actionOf(c)
	var body struct {
		Name string `json:"name"`
	}
	if err := decode(c, &body); err != nil {
		return store.Door{}, "", err
	}
	return s.store.CreateDoor(c.UserContext(), action, body.Name)
}

func (s *Server) revokeDoor(c *fiber.Ctx) error {
	action := actionOf(c)
	id, err := idParam(c, "door")
	if err != nil {
		return err
	}
	if err := s.store.RevokeDoor(c.UserContext(), action, id); err != nil {
		return err
	}
	s.sockets.checkSoon()
	return c.SendStatus(http.StatusNoContent)
}
