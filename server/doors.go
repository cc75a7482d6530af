package server

import (
	"net/http"
	"strconv"

	"github.com/gofiber/fiber/v2"
)

func (s *Server) listDoors(c *fiber.Ctx) error {
	_, action, err := s.scope(c, roleOrganizer)
	if err != nil {
		return err
	}
	doors, err := s.store.Doors(c.UserContext(), action)
	if err != nil {
		return err
	}
	return c.JSON(doors)
}

func (s *Server) createDoor(c *fiber.Ctx) error {
	_, action, err := s.scope(c, roleOrganizer)
	if err != nil {
		return err
	}
	var body struct {
		Name string `json:"name"`
	}
	if err := decode(c, &body); err != nil {
		return err
	}
	door, token, err := s.store.CreateDoor(c.UserContext(), action, body.Name)
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(fiber.Map{"door": door, "token": token})
}

func (s *Server) revokeDoor(c *fiber.Ctx) error {
	_, action, err := s.scope(c, roleOrganizer)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(c.Params("door"), 10, 64)
	if err != nil {
		return errorf(http.StatusNotFound, "not_found", "no such door")
	}
	if err := s.store.RevokeDoor(c.UserContext(), action, id); err != nil {
		return err
	}
	return c.SendStatus(http.StatusNoContent)
}

func (s *Server) createDisplay(c *fiber.Ctx) error {
	_, action, err := s.scope(c, roleOrganizer)
	if err != nil {
		return err
	}
	d, token, err := s.store.CreateDisplay(c.UserContext(), action)
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(fiber.Map{"display": d, "token": token})
}
